import { describe, expect, it } from '@jest/globals';
import { decodeEntities, looksLikeHtml, scanTags } from '@pillar/escalation-testkit';

describe('scanTags', () => {
  it('finds start and end tags with their attributes', () => {
    expect(scanTags('<p class="a" data-x=1 hidden>x</p>')).toEqual([
      {
        name: 'p',
        closing: false,
        index: 0,
        raw: '<p class="a" data-x=1 hidden>',
        attributes: [
          { name: 'class', value: 'a' },
          { name: 'data-x', value: '1' },
          { name: 'hidden', value: '' },
        ],
      },
      { name: 'p', closing: true, index: 30, raw: '</p>', attributes: [] },
    ]);
  });

  it('reads attributes separated by slashes, as browsers do', () => {
    expect(scanTags('<svg/onload=alert(1)>')[0]?.attributes).toEqual([{ name: 'onload', value: 'alert(1)' }]);
  });

  it('ignores escaped markup and a lone <', () => {
    expect(scanTags('&lt;script&gt; 1 < 2 <3 <-- <')).toEqual([]);
  });

  it('reports comments and declarations', () => {
    expect(scanTags('<!-- x --><!DOCTYPE html><?xml ?>').map((t) => t.name)).toEqual(['!', '!', '?']);
  });

  it('lower-cases names and decodes attribute values', () => {
    const [tag] = scanTags("<A HREF='&#106;avascript&#x3A;x'>");
    expect(tag?.name).toBe('a');
    expect(tag?.attributes).toEqual([{ name: 'href', value: 'javascript:x' }]);
  });

  it('handles an unterminated tag at the end', () => {
    expect(scanTags('text <img src=x onerror=alert(1)').map((t) => [t.name, t.attributes.map((a) => a.name)])).toEqual([['img', ['src', 'onerror']]]);
  });
});

describe('decodeEntities and looksLikeHtml', () => {
  it('decodes named and numeric references and leaves unknown ones', () => {
    expect(decodeEntities('&lt;&#60;&#x3c;&amp;&quot;&bogus;&#x110000;')).toBe('<<<&"&bogus;&#x110000;');
  });

  it('tells markup from text that only has angle brackets', () => {
    expect(looksLikeHtml('<p>x</p>')).toBe(true);
    expect(looksLikeHtml('a <!-- b')).toBe(true);
    expect(looksLikeHtml('1 < 2 and 3 > 2')).toBe(false);
    expect(looksLikeHtml('&lt;script&gt;')).toBe(false);
  });
});

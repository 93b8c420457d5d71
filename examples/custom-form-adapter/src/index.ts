export * from './custom-form';
export type { FormDialogText } from './form-dialog';

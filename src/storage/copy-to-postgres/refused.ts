/** A reason the copy will not start or cannot finish, worded for the operator running the tool. */
export class CopyRefused extends Error {
  override readonly name = 'CopyRefused';
}

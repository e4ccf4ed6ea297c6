/** A request the server refuses; the message goes to the client as plain text, to make a bad test URL obvious. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

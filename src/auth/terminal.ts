// Who owns the terminal right now. The dashboard marks it taken while it is full screen, so exec plugins never
// read stdin or write over the screen; `kdeck doctor` and startup (before the screen is taken) leave it free.

let ownedByApp = false;

/** The UI calls this with true when it enters full screen and false when it hands the terminal back. */
export function setTerminalOwnedByApp(owned: boolean): void {
  ownedByApp = owned;
}

export function isTerminalOwnedByApp(): boolean {
  return ownedByApp;
}

/** A plugin may talk to the user only when stdin is a terminal that the app is not drawing on. */
export function terminalAvailableForPlugins(): boolean {
  return !ownedByApp && Boolean(process.stdin.isTTY);
}

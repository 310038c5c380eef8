// kdeck always runs in a terminal (run.ts refuses to start without one), but chalk, which Ink paints with, turns
// every colour and attribute off (the cursor's inverse too) when CI is set in the environment: a CI job, a debugging
// shell or a container image that exports it. While the UI modules load (chalk decides once, at import), FORCE_COLOR
// tells it the level the terminal offers; it is removed again so that children (plugins, the editor) see the user's
// environment unchanged. NO_COLOR keeps working: kdeck draws without colours then (the inverse cursor stays).

/** Sets FORCE_COLOR for the terminal when CI would turn colours off; returns the undo. */
export function colourDespiteCi(env: NodeJS.ProcessEnv, stdoutIsTty: boolean): () => void {
  if (!('CI' in env) || 'FORCE_COLOR' in env || !stdoutIsTty || env.TERM === 'dumb') return () => {};
  env.FORCE_COLOR = /truecolor|24bit/.test(env.COLORTERM ?? '') ? '3' : /256/.test(env.TERM ?? '') ? '2' : '1';
  return () => {
    delete env.FORCE_COLOR;
  };
}

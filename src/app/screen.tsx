// The dashboard on screen: Ink and React are loaded only here (after src/app/run.ts has started the data path).
// Once full screen, the terminal is restored on every way out: quit, Ctrl-C, SIGTERM/SIGHUP, a crash.
import { useMemo } from 'react';
import { useApp } from 'ink';
import { useScreenSize } from 'fullscreen-ink';
import { withFullScreen } from './full-screen.js';
import type { PrePainted } from './pre-paint.js';
import { App } from '../../components/App.js';
import { setTerminalOwnedByApp } from '../auth/index.js';
import { useDebounced } from '../ui-state/hooks.js';
import type { DashboardOptions } from '../ui-state/use-dashboard.js';
import { appServices, terminalHandedOver } from './terminal.js';
import { formatError } from './run.js';
import { installFrameTrace } from './frame-trace.js';
import { RENDER_OPTIONS } from './render-options.js';
import { LEAVE_SCREEN } from './screen-codes.js';

const RESIZE_DEBOUNCE_MS = 80;
/** Closing informers and connections gets this long; then kdeck exits regardless. */
const CLEANUP_MS = 2000;
const HARD_EXIT_MS = 4000;

export type ScreenOptions = Omit<DashboardOptions, 'width' | 'height' | 'onQuit'> & { noColor: boolean; pluginLogs?: string };

function Screen(props: ScreenOptions) {
  const size = useScreenSize();
  const { width, height } = useDebounced(size, RESIZE_DEBOUNCE_MS);
  const { suspendTerminal } = useApp();
  const services = useMemo(() => appServices(suspendTerminal, undefined, props.pluginLogs), [suspendTerminal, props.pluginLogs]);
  return <App {...props} services={services} width={width || 80} height={height || 24} />;
}

/**
 * Takes the screen and runs the dashboard until it quits; `cleanup` closes informers, sessions and connections.
 * `onFrame` sees every rendered frame (the start-up trace). `prePainted`: start-up already holds the alternate screen
 * with the first frame on it (pre-paint.ts); Ink takes it over as it is.
 */
export async function showDashboard(options: ScreenOptions, cleanup: () => Promise<void>, onFrame?: () => void, prePainted?: PrePainted): Promise<number> {
  const writeTrace = installFrameTrace(process.env.KDECK_TRACE_FRAMES);
  const ink = withFullScreen(<Screen {...options} />, { ...RENDER_OPTIONS, ...(onFrame ? { onRender: onFrame } : {}) }, !!prePainted);
  setTerminalOwnedByApp(true);
  let crashed: unknown;
  // Every way out unmounts Ink (which leaves the alternate screen) and then exits even if something hangs:
  // a terminal that went away (SIGHUP, EIO on write) must never leave a kdeck running in the background.
  let leaving = false;
  const leave = () => {
    if (leaving) return;
    leaving = true;
    setTimeout(() => process.exit(crashed ? 1 : 0), HARD_EXIT_MS).unref();
    try {
      ink.instance.unmount();
    } catch {
      // the terminal may be gone; the exit timer still runs
    }
  };
  const onCrash = (e: unknown) => {
    crashed ??= e;
    leave();
  };
  const onStdoutError = () => leave(); // EIO/EPIPE: the terminal is gone
  process.on('SIGTERM', leave);
  process.on('SIGHUP', leave);
  const onInterrupt = () => {
    if (!terminalHandedOver()) leave(); // while a child has the terminal, Ctrl-C is the child's
  };
  process.on('SIGINT', onInterrupt);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  process.stdout.on('error', onStdoutError);
  prePainted?.handOver(); // every way out is handled above from here on
  try {
    await ink.start();
    await ink.waitUntilExit();
  } catch (e) {
    crashed ??= e;
  } finally {
    leaving = true;
    setTimeout(() => process.exit(crashed ? 1 : 0), HARD_EXIT_MS).unref();
    try {
      process.stdout.write(LEAVE_SCREEN);
    } catch {
      // nothing to restore on a terminal that is gone
    }
    setTerminalOwnedByApp(false);
    writeTrace();
    await Promise.race([cleanup(), new Promise((r) => setTimeout(r, CLEANUP_MS).unref())]);
    process.off('SIGTERM', leave);
    process.off('SIGHUP', leave);
    process.off('SIGINT', onInterrupt);
  }
  if (crashed) {
    process.stderr.write(formatError(crashed));
    return 1;
  }
  return 0;
}

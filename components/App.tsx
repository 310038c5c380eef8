// The dashboard screen: header, prompt, table (or message/help), breadcrumbs, flash line and key hints.
// Rendering and key reading only; everything else is in useDashboard (src/ui-state).
import { memo, useLayoutEffect, useMemo } from 'react';
import { Box, useApp, useInput } from 'ink';
import { traceMark, traceNow, tracingFrames } from '../src/ui-state/frame-trace.js';
import { useDashboard, type DashboardModel, type DashboardOptions } from '../src/ui-state/use-dashboard.js';
import { bodyHeightFor, crumbRuns, flashRun, hintsRun } from '../src/ui-state/frame-layout.js';
import { RunLine } from './Runs.js';
import { Dialog } from './Dialog.js';
import { Header } from './Header.js';
import { Help } from './Help.js';
import { Message } from './Message.js';
import { Prompt } from './Prompt.js';
import { Table, TitleBar } from './Table.js';
import { effectivePalette } from '../src/ui-state/skin.js';
import { TextView } from './TextView.js';

export type AppProps = Omit<DashboardOptions, 'onQuit'> & { noColor?: boolean; onQuit?: () => void };

export function App(props: AppProps) {
  const app = useApp();
  const noColor = props.noColor ?? false;
  const t0 = traceNow();
  const m = useDashboard({
    ...props,
    onQuit: () => {
      props.onQuit?.();
      app.exit();
    },
  });
  if (tracingFrames()) traceMark('model', t0, traceNow() - t0);
  // The tree is made again only for a model that paints differently: a render whose model is the last frame's (a
  // clock tick that changed no text) returns the same elements, React commits nothing and Ink draws no frame.
  // Nothing in this component may mark it updated on every render (a layout effect without deps, Ink's useInput,
  // whose effect event does): that alone would make Ink lay out and draw the whole screen again.
  const tree = useMemo(() => <Dashboard m={m} width={props.width} height={props.height} noColor={noColor} />, [m, props.width, props.height, noColor]);
  useLayoutEffect(() => traceMark('commit'), [tree]);
  return tree;
}

/** Reads keys; its handler is the model's, the same function for the dashboard's life, so it never re-renders. */
const KeyInput = memo(function KeyInput({ onInput }: { onInput: DashboardModel['onInput'] }) {
  useInput(onInput);
  return null;
});

function Dashboard({ m, width, height, noColor }: { m: DashboardModel; width: number; height: number; noColor: boolean }) {
  const bodyHeight = bodyHeightFor(height);
  const palette = effectivePalette(m.palette, noColor);
  // Clipped vertically only: every line below is truncated to the width already, and a horizontal clip makes Ink
  // re-slice and re-tokenise every line of every frame (components/Table.tsx).
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <KeyInput onInput={m.onInput} />
      <Header h={m.header} width={width} noColor={noColor} palette={palette} />
      <Prompt mode={m.mode} text={m.prompt} suggestion={m.suggestion} noColor={noColor} palette={palette} />
      <TitleBar title={m.body.title} width={width} palette={palette} />
      {m.dialog ? (
        <Dialog lines={m.dialog} height={bodyHeight} noColor={noColor} />
      ) : m.body.kind === 'table' ? (
        <Table header={m.body.header} rows={m.body.rows} height={bodyHeight} stale={m.body.stale} palette={palette} />
      ) : m.body.kind === 'help' ? (
        <Help lines={m.body.lines} height={bodyHeight} width={width} palette={palette} />
      ) : m.body.kind === 'text' ? (
        <TextView lines={m.body.lines} status={m.body.status} wrap={m.body.wrap} height={bodyHeight} noColor={noColor} />
      ) : (
        <Message message={m.body.message} height={bodyHeight} noColor={noColor} />
      )}
      <RunLine runs={crumbRuns(m.crumbs, palette)} />
      <RunLine runs={[flashRun(m.flash, noColor)]} />
      <RunLine runs={[hintsRun(m.hints, palette)]} />
    </Box>
  );
}

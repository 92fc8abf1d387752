// The column layout that stands in for Yoga (source/ui/column-layout.ts), checked against the real
// Yoga (yoga-layout/load, still installed as Ink's dependency) on the trees Ink builds: the same
// positions and sizes for every node; any style outside the subset is noted (and every test file
// fails on a note: test/helpers/layout-guard.ts); text is measured again only when it changed or
// its room did; and the Ink the tests render with uses it.

import {afterEach, describe, expect, test} from 'vitest';
import {loadYoga} from 'yoga-layout/load';
import ColumnLayout, {forgetUnsupportedUses, LayoutNode, unsupportedUses} from '../../source/ui/column-layout.js';
import {seededRandom} from '../helpers/seeded-random.js';

type Engine = {
	Node: {create(): EngineNode};
	ALIGN_AUTO: number;
	ALIGN_FLEX_START: number;
	ALIGN_CENTER: number;
	ALIGN_FLEX_END: number;
	ALIGN_STRETCH: number;
	DIRECTION_LTR: number;
	DISPLAY_NONE: number;
	FLEX_DIRECTION_COLUMN: number;
	FLEX_DIRECTION_ROW: number;
	WRAP_NO_WRAP: number;
	EDGE_LEFT: number;
};
type EngineNode = {
	insertChild(child: EngineNode, index: number): void;
	setMeasureFunc(measure: (width: number) => {width: number; height: number}): void;
	setWidth(width: number): void;
	setFlexDirection(direction: number): void;
	setFlexWrap(wrap: number): void;
	setFlexGrow(grow: number): void;
	setFlexShrink(shrink: number): void;
	setAlignItems(align: number): void;
	setAlignSelf(align: number): void;
	setDisplay(display: number): void;
	calculateLayout(width?: number, height?: number, direction?: number): void;
	getComputedLeft(): number;
	getComputedTop(): number;
	getComputedWidth(): number;
	getComputedHeight(): number;
};

/** A tree as Ink builds it: boxes (column, maybe a width, an alignment) holding texts or boxes. */
type Shape =
	| {kind: 'text'; length: number; wrap: boolean; alignSelf?: keyof typeof ALIGNS; hidden?: boolean}
	| {kind: 'box'; width?: number; alignItems?: keyof typeof ALIGNS; alignSelf?: keyof typeof ALIGNS; hidden?: boolean; children: Shape[]};
const ALIGNS = {auto: 'ALIGN_AUTO', start: 'ALIGN_FLEX_START', end: 'ALIGN_FLEX_END', stretch: 'ALIGN_STRETCH'} as const;

/** Ink's measure function for a text of `length` cells: as wide as it is, wrapped (or truncated) at `width`. */
function measureText(length: number, wrap: boolean) {
	return (width: number) => {
		if (length <= width || Number.isNaN(width)) return {width: length, height: 1};
		return wrap ? {width: Math.max(1, Math.floor(width)), height: Math.ceil(length / Math.max(1, Math.floor(width)))} : {width: Math.floor(width), height: 1};
	};
}

/** `nodes` gets every node made, with whether it is shown (it and its ancestors displayed). */
function build(engine: Engine, shape: Shape, nodes: Array<[EngineNode, boolean]>, shown = true): EngineNode {
	const node = engine.Node.create();
	const visible = shown && !shape.hidden;
	nodes.push([node, visible]);
	// Ink's own defaults: <Box> and <Text> are both rows that do not wrap, grow 0, shrink 1.
	node.setFlexWrap(engine.WRAP_NO_WRAP);
	node.setFlexGrow(0);
	node.setFlexShrink(1);
	if (shape.alignSelf) node.setAlignSelf(engine[ALIGNS[shape.alignSelf]]);
	if (shape.hidden) node.setDisplay(engine.DISPLAY_NONE);
	if (shape.kind === 'text') {
		node.setFlexDirection(engine.FLEX_DIRECTION_ROW);
		node.setMeasureFunc(measureText(shape.length, shape.wrap));
		return node;
	}
	node.setFlexDirection(engine.FLEX_DIRECTION_COLUMN);
	if (shape.width !== undefined) node.setWidth(shape.width);
	if (shape.alignItems) node.setAlignItems(engine[ALIGNS[shape.alignItems]]);
	for (const [index, child] of shape.children.entries()) node.insertChild(build(engine, child, nodes, visible), index);
	return node;
}

/** Every node's left, top, width and height; a hidden one's are not compared (Ink skips it unread). */
function layoutOf(engine: Engine, shape: Shape, columns: number) {
	const nodes: Array<[EngineNode, boolean]> = [];
	const root = engine.Node.create();
	root.insertChild(build(engine, shape, nodes), 0);
	root.setWidth(columns);
	root.calculateLayout(undefined, undefined, engine.DIRECTION_LTR);
	return [[root, true] as const, ...nodes].map(([node, shown]) =>
		shown ? [node.getComputedLeft(), node.getComputedTop(), node.getComputedWidth(), node.getComputedHeight()] : 'hidden',
	);
}

/** A tree that fits `room` columns: a box's width is at most its container's (see the refusals below). */
function shapeFrom(next: () => number, depth: number, room: number): Shape {
	const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
	const alignSelf = pick([undefined, undefined, 'auto', 'start', 'end', 'stretch'] as const);
	const hidden = next() < 0.1;
	if (depth === 0 || next() < 0.6) return {kind: 'text', length: Math.floor(next() * 150), wrap: next() < 0.3, alignSelf, hidden};
	const width = next() < 0.5 ? 1 + Math.floor(next() * room) : undefined;
	const children = Array.from({length: Math.floor(next() * 6)}, () => shapeFrom(next, depth - 1, width ?? room));
	return {kind: 'box', width, alignItems: pick([undefined, 'start', 'end', 'stretch'] as const), alignSelf, hidden, children};
}

describe('the column layout, against Yoga', () => {
	test("proctop's own tree: one column box of one-line texts, as wide as the terminal", async () => {
		const yoga = (await loadYoga()) as unknown as Engine;
		const lines: Shape[] = [5, 120, 300, 0, 64].map(length => ({kind: 'text', length, wrap: false}));
		for (const columns of [120, 80, 20, 1]) {
			const shape: Shape = {kind: 'box', width: columns, children: lines};
			const ours = layoutOf(ColumnLayout as unknown as Engine, shape, columns);
			expect(ours).toEqual(layoutOf(yoga, shape, columns));
			// Stacked one per row, each stretched across the terminal.
			expect(ours.slice(2).map(([, top, width]) => [top, width])).toEqual(lines.map((_, row) => [row, columns]));
		}
	});

	test('400 generated trees (nested columns, widths, start/end/stretch alignments, wrapped texts, hidden nodes) lay out as Yoga lays them out', async () => {
		const yoga = (await loadYoga()) as unknown as Engine;
		for (let seed = 1; seed <= 400; seed++) {
			const next = seededRandom(seed);
			const columns = 10 + Math.floor(next() * 150);
			const shape = shapeFrom(next, 3, columns);
			const ours = layoutOf(ColumnLayout as unknown as Engine, shape, columns);
			const theirs = layoutOf(yoga, shape, columns);
			expect({seed, layout: ours}).toEqual({seed, layout: theirs});
		}
		expect(unsupportedUses()).toEqual([]);
	});

	test("a resize: Ink sets the root's new width before React draws the box at it", async () => {
		const yoga = (await loadYoga()) as unknown as Engine;
		const lines: Shape[] = [10, 130, 200].map(length => ({kind: 'text', length, wrap: false}));
		for (const [box, terminal] of [
			[120, 100],
			[200, 160],
			[80, 120],
		] as const) {
			const shape: Shape = {kind: 'box', width: box, children: lines};
			expect(layoutOf(ColumnLayout as unknown as Engine, shape, terminal)).toEqual(layoutOf(yoga, shape, terminal));
		}
	});
});

describe('the column layout notes what it does not lay out', () => {
	const node = () => ColumnLayout.Node.create();
	// These notes are made on purpose: not left for the file's guard.
	afterEach(forgetUnsupportedUses);
	test.each([
		['padding', (n: LayoutNode) => n.setPadding(ColumnLayout.EDGE_LEFT, 1), /padding 1/],
		['margin', (n: LayoutNode) => n.setMargin(ColumnLayout.EDGE_TOP, 2), /margin 2/],
		['border', (n: LayoutNode) => n.setBorder(ColumnLayout.EDGE_TOP, 1), /border 1/],
		['gap', (n: LayoutNode) => n.setGap(ColumnLayout.GUTTER_ALL, 1), /gap 1/],
		['a percentage', (n: LayoutNode) => n.setWidthPercent(), /percentages/],
		['absolute position', (n: LayoutNode) => n.setPositionType(ColumnLayout.POSITION_TYPE_ABSOLUTE), /position absolute/],
		['justifyContent', (n: LayoutNode) => n.setJustifyContent(ColumnLayout.JUSTIFY_CENTER), /justifyContent/],
		['centring', (n: LayoutNode) => n.setAlignItems(ColumnLayout.ALIGN_CENTER), /alignItems center/],
		['wrapping children', (n: LayoutNode) => n.setFlexWrap(ColumnLayout.WRAP_WRAP), /flexWrap/],
	])('%s', (_name, apply, message) => {
		forgetUnsupportedUses();
		apply(node());
		expect(unsupportedUses()).toEqual([expect.stringMatching(message)]);
	});

	test('neutral values pass (Ink sets every style, mostly to its default)', () => {
		const box = node();
		box.setPadding(ColumnLayout.EDGE_ALL, 0);
		box.setMargin(ColumnLayout.EDGE_ALL, 0);
		box.setGap(ColumnLayout.GUTTER_ALL, 0);
		box.setFlexBasis(Number.NaN);
		box.setJustifyContent(ColumnLayout.JUSTIFY_FLEX_START);
		box.setPositionType(ColumnLayout.POSITION_TYPE_RELATIVE);
		box.calculateLayout(10);
		expect(box.getComputedWidth()).toBe(10);
		expect(unsupportedUses()).toEqual([]);
	});

	test('children in a row (side by side, roughly), and a fixed height its children overflow', () => {
		const row = node();
		row.setFlexDirection(ColumnLayout.FLEX_DIRECTION_ROW);
		for (const [index, width] of [2, 50].entries()) {
			const text = node();
			text.setMeasureFunc(room => (width <= room ? {width, height: 1} : {width: room, height: Math.ceil(width / room)}));
			row.insertChild(text, index);
		}
		row.calculateLayout(40);
		expect([row.getChild(1).getComputedLeft(), row.getChild(1).getComputedWidth(), row.getComputedHeight()]).toEqual([2, 38, 2]);
		expect(unsupportedUses()).toEqual([expect.stringMatching(/children in a row/)]);
		forgetUnsupportedUses();
		const short = node();
		short.setHeight(1);
		for (let index = 0; index < 2; index++) {
			const text = node();
			text.setMeasureFunc(() => ({width: 3, height: 1}));
			short.insertChild(text, index);
		}
		short.calculateLayout(40);
		expect(unsupportedUses()).toEqual([expect.stringMatching(/taller than a fixed height/)]);
		expect(short.getComputedHeight()).toBe(1);
	});
});

describe('measuring', () => {
	test('a text is measured again only when it changed (markDirty) or its room did', () => {
		const root = ColumnLayout.Node.create();
		const text = ColumnLayout.Node.create();
		let calls = 0;
		text.setMeasureFunc(() => {
			calls++;
			return {width: 5, height: 1};
		});
		root.insertChild(text, 0);
		root.calculateLayout(80);
		root.calculateLayout(80);
		expect(calls).toBe(1);
		text.markDirty();
		root.calculateLayout(80);
		expect(calls).toBe(2);
		root.calculateLayout(60);
		expect(calls).toBe(3);
		expect(text.getComputedWidth()).toBe(60);
	});

	test('a removed child is laid out no more; freeRecursive detaches a subtree', () => {
		const root = ColumnLayout.Node.create();
		const first = ColumnLayout.Node.create();
		const second = ColumnLayout.Node.create();
		for (const [index, child] of [first, second].entries()) {
			child.setMeasureFunc(() => ({width: 1, height: 2}));
			root.insertChild(child, index);
		}
		root.calculateLayout(10);
		expect([root.getComputedHeight(), second.getComputedTop()]).toEqual([4, 2]);
		root.removeChild(first);
		root.calculateLayout(10);
		expect([root.getChildCount(), root.getComputedHeight(), second.getComputedTop()]).toEqual([1, 2, 0]);
		second.freeRecursive();
		expect(root.getChildCount()).toBe(0);
	});
});

test('the Ink these tests render with lays out with it (as the bundle does)', async () => {
	const dom = await import('../../node_modules/ink/build/dom.js');
	const box = dom.createNode('ink-box') as {yogaNode?: unknown};
	expect(box.yogaNode).toBeInstanceOf(LayoutNode);
});

// Stands in for yoga-layout, Ink's flexbox engine, in the bundle and in the component tests (the
// bundler and vitest resolve `yoga-layout` here; see scripts/bundle-plugins.js). Why: proctop's
// whole UI is one column of one-line <Text>s inside one <Box>, and Yoga is a WebAssembly module
// whose loading (base64 decoding, compiling) takes ~75 ms of CPU on every start, between the
// first frame being painted and the first key being answered (bench/first-key.js: 474 → 395 ms
// at base, 1,004 → 867 at +5,000), and ~5 MB resident. This lays out exactly the subset of
// flexbox Ink's tree uses here: a column of children, stretched or aligned across it, each as
// tall as its text. Any other style (padding, a row of children, centring, percentages…) is
// laid out roughly (as if absent; a row side by side) and noted in `unsupportedUses()`: every
// test file fails on a note (test/helpers/layout-guard.ts), so a component that needs real
// flexbox cannot slip in, while a frame proctop never shows on purpose (Ink's error overview,
// drawn as it exits) still renders.
// Pure: no I/O; the same API shape Ink calls (Yoga.Node.create(), setters, calculateLayout, getters).

const UNDEFINED = Number.NaN;

/** Yoga's enums, as far as Ink reads them. Values are Yoga's own (any distinct values would do). */
const constants = {
	ALIGN_AUTO: 0,
	ALIGN_FLEX_START: 1,
	ALIGN_CENTER: 2,
	ALIGN_FLEX_END: 3,
	ALIGN_STRETCH: 4,
	DIRECTION_LTR: 1,
	DISPLAY_FLEX: 0,
	DISPLAY_NONE: 1,
	EDGE_LEFT: 0,
	EDGE_TOP: 1,
	EDGE_RIGHT: 2,
	EDGE_BOTTOM: 3,
	EDGE_START: 4,
	EDGE_END: 5,
	EDGE_HORIZONTAL: 6,
	EDGE_VERTICAL: 7,
	EDGE_ALL: 8,
	FLEX_DIRECTION_COLUMN: 0,
	FLEX_DIRECTION_COLUMN_REVERSE: 1,
	FLEX_DIRECTION_ROW: 2,
	FLEX_DIRECTION_ROW_REVERSE: 3,
	GUTTER_COLUMN: 0,
	GUTTER_ROW: 1,
	GUTTER_ALL: 2,
	JUSTIFY_FLEX_START: 0,
	JUSTIFY_CENTER: 1,
	JUSTIFY_FLEX_END: 2,
	JUSTIFY_SPACE_BETWEEN: 3,
	JUSTIFY_SPACE_AROUND: 4,
	JUSTIFY_SPACE_EVENLY: 5,
	MEASURE_MODE_UNDEFINED: 0,
	MEASURE_MODE_EXACTLY: 1,
	MEASURE_MODE_AT_MOST: 2,
	POSITION_TYPE_STATIC: 0,
	POSITION_TYPE_RELATIVE: 1,
	POSITION_TYPE_ABSOLUTE: 2,
	WRAP_NO_WRAP: 0,
	WRAP_WRAP: 1,
	WRAP_WRAP_REVERSE: 2,
} as const;

type MeasureFunction = (width: number, widthMode: number, height: number, heightMode: number) => {width: number; height: number};

const notes = new Set<string>();

/** Styles this layout was asked for and does not honour, since the last `forgetUnsupportedUses()`. */
export function unsupportedUses(): string[] {
	return [...notes];
}
export function forgetUnsupportedUses(): void {
	notes.clear();
}
function unsupported(what: string): void {
	notes.add(what);
}

/** A style Yoga would honour but this layout does not: fine at its neutral value, noted otherwise. */
function neutral(what: string, value: number, neutralValue: number): void {
	if (value !== neutralValue && !(Number.isNaN(value) && Number.isNaN(neutralValue))) unsupported(`${what} ${value}`);
}

export class LayoutNode {
	private readonly children: LayoutNode[] = [];
	private parent: LayoutNode | undefined;
	private measure: MeasureFunction | undefined;
	private width = UNDEFINED;
	private height = UNDEFINED;
	private minWidth = 0;
	private minHeight = 0;
	private direction: number = constants.FLEX_DIRECTION_COLUMN;
	private alignItems: number = constants.ALIGN_STRETCH;
	private alignSelf: number = constants.ALIGN_AUTO;
	private display: number = constants.DISPLAY_FLEX;
	/** The last measurement and the width it was for; dropped by markDirty (Ink: the text changed). */
	private measuredWidth = UNDEFINED;
	private measuredFor = UNDEFINED;
	private measuredHeight = 0;
	private left = 0;
	private top = 0;
	private computedWidth = 0;
	private computedHeight = 0;

	// Tree.
	insertChild(child: LayoutNode, index: number): void {
		child.parent?.removeChild(child);
		this.children.splice(index, 0, child);
		child.parent = this;
	}
	removeChild(child: LayoutNode): void {
		const at = this.children.indexOf(child);
		if (at !== -1) this.children.splice(at, 1);
		child.parent = undefined;
	}
	getChildCount(): number {
		return this.children.length;
	}
	getChild(index: number): LayoutNode {
		return this.children[index]!;
	}
	free(): void {
		this.parent?.removeChild(this);
	}
	freeRecursive(): void {
		for (const child of [...this.children]) child.freeRecursive();
		this.free();
	}

	// Measuring (text nodes).
	setMeasureFunc(measure: MeasureFunction): void {
		this.measure = measure;
		this.markDirty();
	}
	unsetMeasureFunc(): void {
		this.measure = undefined;
	}
	markDirty(): void {
		this.measuredFor = UNDEFINED;
	}

	// What this layout honours.
	setWidth(width: number | undefined): void {
		this.width = typeof width === 'number' ? width : UNDEFINED;
	}
	setWidthAuto(): void {
		this.width = UNDEFINED;
	}
	setHeight(height: number | undefined): void {
		this.height = typeof height === 'number' ? height : UNDEFINED;
	}
	setHeightAuto(): void {
		this.height = UNDEFINED;
	}
	setMinWidth(width: number): void {
		this.minWidth = width ?? 0;
	}
	setMinHeight(height: number): void {
		this.minHeight = height ?? 0;
	}
	setFlexDirection(direction: number): void {
		this.direction = direction;
	}
	// Centring is left out (laid out as flex-start): Yoga rounds a half-cell offset up or down
	// depending on sums made deep in its passes, and nothing in proctop is centred.
	setAlignItems(align: number): void {
		if (align === constants.ALIGN_AUTO || align === constants.ALIGN_CENTER) unsupported(`alignItems ${align === constants.ALIGN_AUTO ? 'auto' : 'center'}`);
		this.alignItems = align;
	}
	setAlignSelf(align: number): void {
		if (align === constants.ALIGN_CENTER) unsupported('alignSelf center');
		this.alignSelf = align;
	}
	setDisplay(display: number): void {
		this.display = display;
	}
	getDisplay(): number {
		return this.display;
	}

	// Neutral only: a column of children that neither grow nor shrink (the column's height is
	// open), with no spacing, in the normal flow.
	setFlexGrow(_grow: number): void {}
	setFlexShrink(_shrink: number): void {}
	setFlexBasis(basis: number): void {
		neutral('flexBasis', basis, UNDEFINED);
	}
	setFlexWrap(wrap: number): void {
		neutral('flexWrap', wrap, constants.WRAP_NO_WRAP);
	}
	setJustifyContent(justify: number): void {
		neutral('justifyContent', justify, constants.JUSTIFY_FLEX_START);
	}
	setPositionType(type: number): void {
		if (type === constants.POSITION_TYPE_ABSOLUTE) unsupported('position absolute');
	}
	setMargin(_edge: number, value: number): void {
		neutral('margin', value, 0);
	}
	setPadding(_edge: number, value: number): void {
		neutral('padding', value, 0);
	}
	setBorder(_edge: number, value: number): void {
		neutral('border', value, 0);
	}
	setGap(_gutter: number, value: number): void {
		neutral('gap', value, 0);
	}
	setFlexBasisPercent(): void {
		unsupported('percentages');
	}
	setWidthPercent(): void {
		unsupported('percentages');
	}
	setHeightPercent(): void {
		unsupported('percentages');
	}
	setMinWidthPercent(): void {
		unsupported('percentages');
	}
	setMinHeightPercent(): void {
		unsupported('percentages');
	}

	// Results.
	getComputedLeft(): number {
		return this.left;
	}
	getComputedTop(): number {
		return this.top;
	}
	getComputedWidth(): number {
		return this.computedWidth;
	}
	getComputedHeight(): number {
		return this.computedHeight;
	}
	getComputedBorder(_edge: number): number {
		return 0;
	}
	getComputedPadding(_edge: number): number {
		return 0;
	}

	/** Lays out this node as the root: its width, else the width given (Ink sets the terminal's); its height is its content's. */
	calculateLayout(width?: number, _height?: number, _direction?: number): void {
		this.layout(Number.isNaN(this.width) ? (width ?? UNDEFINED) : this.width, true);
	}

	/**
	 * Sizes this node in a column `available` cells wide: stretched across it, or as wide as its
	 * content (at most `available`); then stacks its children top to bottom.
	 */
	private layout(available: number, stretch: boolean): void {
		const fixedWidth = !Number.isNaN(this.width) ? this.width : stretch && !Number.isNaN(available) ? available : UNDEFINED;
		let width: number;
		let height: number;
		if (this.measure) {
			if (this.children.length > 0) unsupported('a measured node with children');
			const room = Number.isNaN(fixedWidth) ? available : fixedWidth;
			this.remeasure(room, Number.isNaN(fixedWidth) ? constants.MEASURE_MODE_AT_MOST : constants.MEASURE_MODE_EXACTLY);
			const measuredWidth = this.measuredWidth;
			width = Number.isNaN(fixedWidth) ? (Number.isNaN(available) ? measuredWidth : Math.min(measuredWidth, available)) : fixedWidth;
			height = this.measuredHeight;
		} else {
			if (this.children.length > 0 && this.direction !== constants.FLEX_DIRECTION_COLUMN) {
				unsupported('children in a row (flexDirection other than column)');
				this.layoutRow(fixedWidth, available);
				return;
			}
			// A column as wide as its content (no width, not stretched) first measures its children
			// at their own widths, then stretches them across the widest, as Yoga does.
			if (Number.isNaN(fixedWidth)) {
				width = 0;
				for (let index = 0; index < this.children.length; index++) {
					const child = this.children[index]!;
					if (child.display === constants.DISPLAY_NONE) continue;
					child.layout(available, false);
					width = Math.max(width, child.computedWidth);
				}
			} else width = fixedWidth;
			let top = 0;
			// Indexed: once per frame this may run unoptimised, where an array iterator allocates per step.
			for (let index = 0; index < this.children.length; index++) {
				const child = this.children[index]!;
				if (child.display === constants.DISPLAY_NONE) {
					child.hide();
					continue;
				}
				const align = child.alignSelf === constants.ALIGN_AUTO ? this.alignItems : child.alignSelf;
				child.layout(width, align === constants.ALIGN_STRETCH);
				const spare = width - child.computedWidth;
				child.left = align === constants.ALIGN_FLEX_END ? spare : 0;
				child.top = top;
				top += child.computedHeight;
			}
			height = top;
		}
		if (!Number.isNaN(this.height)) {
			if (this.children.length > 0 && height > this.height) unsupported('children taller than a fixed height (shrinking)');
			height = this.height;
		}
		this.computedWidth = Math.max(width, this.minWidth);
		this.computedHeight = Math.max(height, this.minHeight);
	}

	/**
	 * Roughly (noted as unsupported): children side by side, each as wide as its content in the
	 * room left, as tall as the tallest. Enough for Ink's own error overview, drawn as proctop exits.
	 */
	private layoutRow(fixedWidth: number, available: number): void {
		const room = Number.isNaN(fixedWidth) ? available : fixedWidth;
		let left = 0;
		let height = 0;
		for (let index = 0; index < this.children.length; index++) {
			const child = this.children[index]!;
			if (child.display === constants.DISPLAY_NONE) {
				child.hide();
				continue;
			}
			child.layout(Number.isNaN(room) ? room : Math.max(0, room - left), false);
			child.left = left;
			child.top = 0;
			left += child.computedWidth;
			height = Math.max(height, child.computedHeight);
		}
		this.computedWidth = Math.max(Number.isNaN(fixedWidth) ? left : fixedWidth, this.minWidth);
		this.computedHeight = Math.max(Number.isNaN(this.height) ? height : this.height, this.minHeight);
	}

	/**
	 * Asks Ink's measure function again only when the text changed (markDirty) or the room did.
	 * Keyed by the room alone: Ink's function ignores the mode (exactly or at most that wide).
	 */
	private remeasure(room: number, mode: number): void {
		if (this.measuredFor === room) return;
		const result = this.measure!(room, mode, UNDEFINED, constants.MEASURE_MODE_UNDEFINED);
		this.measuredFor = room;
		this.measuredWidth = result.width;
		this.measuredHeight = result.height;
	}

	private hide(): void {
		this.left = 0;
		this.top = 0;
		this.computedWidth = 0;
		this.computedHeight = 0;
		for (const child of this.children) child.hide();
	}
}

const Yoga = {
	...constants,
	Node: {
		create: () => new LayoutNode(),
	},
};

export default Yoga;

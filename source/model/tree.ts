// Pure process-tree helpers: a forest from ppid links, depth-first flattening with guide
// prefixes (├─ └─ │), collapsed branches and descendant sets. No I/O.

type Node = {pid: number; ppid: number; key: string};

export type Forest<T extends Node> = {
	roots: T[];
	/** Children by the parent's identity key. */
	children: Map<string, T[]>;
	/** Parent by the child's identity key (absent for roots). */
	parent: Map<string, T>;
};

/**
 * Links processes by ppid. A process is a root when its ppid is 0, equals its own pid, or names
 * a pid that is not in the list (parent exited, hidden by hidepid, filtered out). Cycles, which
 * only garbled input can make, are broken by promoting a member to root.
 */
export function buildForest<T extends Node>(processes: readonly T[]): Forest<T> {
	const byPid = new Map<number, T>();
	for (const process of processes) byPid.set(process.pid, process);
	const children = new Map<string, T[]>();
	const parent = new Map<string, T>();
	const roots: T[] = [];
	for (const process of processes) {
		const up = process.ppid === process.pid || process.ppid <= 0 ? undefined : byPid.get(process.ppid);
		if (!up) {
			roots.push(process);
			continue;
		}
		parent.set(process.key, up);
		const siblings = children.get(up.key);
		if (siblings) siblings.push(process);
		else children.set(up.key, [process]);
	}
	// Anything not reachable from a root sits on a cycle: cut it at its first member.
	const reached = new Set<string>();
	const mark = (start: T) => {
		const stack = [start];
		while (stack.length > 0) {
			const node = stack.pop()!;
			if (reached.has(node.key)) continue;
			reached.add(node.key);
			for (const child of children.get(node.key) ?? []) stack.push(child);
		}
	};
	for (const root of roots) mark(root);
	for (const process of processes) {
		if (reached.has(process.key)) continue;
		const up = parent.get(process.key)!;
		parent.delete(process.key);
		const siblings = children.get(up.key)!;
		siblings.splice(siblings.indexOf(process), 1);
		roots.push(process);
		mark(process);
	}
	return {roots, children, parent};
}

const MAX_GUIDE_DEPTH = 32;

export type TreeRow<T> = {
	item: T;
	depth: number;
	/** Guide drawn before the name, e.g. "│  ├─ ". Empty for roots. */
	prefix: string;
	hasChildren: boolean;
	collapsed: boolean;
	/** Descendants hidden because this branch is collapsed (0 when expanded). */
	hiddenDescendants: number;
};

/**
 * Depth-first rows. Siblings are ordered by `compare` (so sorting applies within each level).
 * `collapsed` hides a branch's descendants; `keep`, when given, shows only those keys (a filter
 * match plus its ancestors).
 */
export function flattenForest<T extends Node>(
	forest: Forest<T>,
	options: {compare: (a: T, b: T) => number; collapsed?: ReadonlySet<string>; keep?: ReadonlySet<string>},
): Array<TreeRow<T>> {
	const {compare, collapsed, keep} = options;
	const rows: Array<TreeRow<T>> = [];
	const visible = (items: readonly T[]) => (keep ? items.filter(item => keep.has(item.key)) : [...items]).sort(compare);
	const count = (item: T): number => {
		let total = 0;
		const pending = [item];
		while (pending.length > 0) {
			for (const child of forest.children.get(pending.pop()!.key) ?? []) {
				if (keep && !keep.has(child.key)) continue;
				total++;
				pending.push(child);
			}
		}
		return total;
	};
	// Iterative walk: a deep chain (fork bombs, 10k-deep fixtures) must not overflow the stack.
	type Frame = {item: T; depth: number; guides: string; last: boolean};
	const stack: Frame[] = visible(forest.roots)
		.reverse()
		.map(item => ({item, depth: 0, guides: '', last: true}));
	while (stack.length > 0) {
		const {item, depth, guides, last} = stack.pop()!;
		const kids = visible(forest.children.get(item.key) ?? []);
		const isCollapsed = collapsed?.has(item.key) === true && kids.length > 0;
		rows.push({
			item,
			depth,
			prefix: depth === 0 ? '' : `${guides}${last ? '└─ ' : '├─ '}`,
			hasChildren: kids.length > 0,
			collapsed: isCollapsed,
			hiddenDescendants: isCollapsed ? count(item) : 0,
		});
		if (isCollapsed) continue;
		// Guides stop growing past MAX_GUIDE_DEPTH: a 10,000-deep chain would otherwise cost O(depth²) text.
		const childGuides = depth === 0 || depth >= MAX_GUIDE_DEPTH ? guides : `${guides}${last ? '   ' : '│  '}`;
		for (let index = kids.length - 1; index >= 0; index--) {
			stack.push({item: kids[index]!, depth: depth + 1, guides: childGuides, last: index === kids.length - 1});
		}
	}
	return rows;
}

/** Keys of every descendant of `key` (not including itself), deepest first. */
export function descendantKeys<T extends Node>(forest: Forest<T>, key: string): string[] {
	const order: string[] = [];
	const stack = [...(forest.children.get(key) ?? [])];
	while (stack.length > 0) {
		const node = stack.pop()!;
		order.push(node.key);
		stack.push(...(forest.children.get(node.key) ?? []));
	}
	return order.reverse();
}

/** Keys of `keys` plus all of their ancestors: what tree mode keeps visible around filter matches. */
export function withAncestors<T extends Node>(forest: Forest<T>, keys: Iterable<string>): Set<string> {
	const kept = new Set<string>();
	for (const key of keys) {
		kept.add(key);
		let up = forest.parent.get(key);
		while (up && !kept.has(up.key)) {
			kept.add(up.key);
			up = forest.parent.get(up.key);
		}
	}
	return kept;
}

export class ProctopLazySegmenter {
	constructor(...options: ConstructorParameters<typeof Intl.Segmenter>);
	segment(text: string): Intl.Segments;
	resolvedOptions(): Intl.ResolvedSegmenterOptions;
	readonly built: boolean;
}

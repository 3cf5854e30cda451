package org.lungprep.segment;

import java.util.Arrays;

/**
 * A binary region of a w &times; h window as, per row, its sorted and disjoint runs [start, end) of set pixels. The
 * per-slice morphology of the lung masks (disk dilation, complement, union, hole filling) works on runs: a lung's row
 * holds a few runs where it holds hundreds of pixels, so the work follows the outline, not the area.
 */
final class RowRuns {

	private static final ThreadLocal<int[]> COVER = ThreadLocal.withInitial(() -> new int[0]);

	final int w, h;
	/** Runs of row y are the pairs xs[2k], xs[2k + 1] for k in rowStart[y] .. rowStart[y + 1]. */
	final int[] rowStart;
	final int[] xs;

	private RowRuns(final int w, final int h, final int[] rowStart, final int[] xs) {
		this.w = w;
		this.h = h;
		this.rowStart = rowStart;
		this.xs = xs;
	}

	/** @return the number of runs */
	int count() {
		return rowStart[h];
	}

	/** Builds a region row by row: {@link #add} runs of the current row in increasing order, {@link #nextRow} to go on. */
	static final class Builder {
		private final int w, h;
		private final int[] rowStart;
		private int[] xs = new int[64];
		private int runs, row;

		Builder(final int w, final int h) {
			this.w = w;
			this.h = h;
			this.rowStart = new int[h + 1];
		}

		/** Adds [s, e) to the current row; a run touching or overlapping the row's last run joins it. */
		void add(final int s, final int e) {
			if (s >= e) return;
			if (runs > rowStart[row] && s <= xs[2 * runs - 1]) {
				if (e > xs[2 * runs - 1]) xs[2 * runs - 1] = e;
				return;
			}
			if (2 * runs + 2 > xs.length) xs = Arrays.copyOf(xs, 2 * xs.length);
			xs[2 * runs] = s;
			xs[2 * runs + 1] = e;
			runs++;
		}

		/** Ends the current row. */
		void nextRow() {
			row++;
			rowStart[row] = runs;
		}

		/** Ends rows up to (not including) row y. */
		void toRow(final int y) {
			while (row < y)
				nextRow();
		}

		/** @return the region; rows not reached are empty */
		RowRuns build() {
			toRow(h);
			return new RowRuns(w, h, rowStart, xs);
		}
	}

	/** @return the pixels of the window not in this region */
	RowRuns complement() {
		final Builder b = new Builder(w, h);
		for (int y = 0; y < h; y++) {
			int x = 0;
			for (int k = rowStart[y]; k < rowStart[y + 1]; k++) {
				b.add(x, xs[2 * k]);
				x = xs[2 * k + 1];
			}
			b.add(x, w);
			b.nextRow();
		}
		return b.build();
	}

	/** @return the pixels in this region or in {@code o} (same window) */
	RowRuns union(final RowRuns o) {
		final Builder b = new Builder(w, h);
		for (int y = 0; y < h; y++) {
			int i = rowStart[y], j = o.rowStart[y];
			final int iEnd = rowStart[y + 1], jEnd = o.rowStart[y + 1];
			while (i < iEnd || j < jEnd) {
				if (j == jEnd || i < iEnd && xs[2 * i] <= o.xs[2 * j]) {
					b.add(xs[2 * i], xs[2 * i + 1]);
					i++;
				}
				else {
					b.add(o.xs[2 * j], o.xs[2 * j + 1]);
					j++;
				}
			}
			b.nextRow();
		}
		return b.build();
	}

	/**
	 * Dilation by a symmetric structuring element given by its half-widths: a pixel is set when some pixel of the region
	 * lies dy rows and at most {@code half[|dy|]} columns away (half[g] &lt; 0, or g beyond the array: no reach at that
	 * row distance); clipped to the window.
	 *
	 * @param half the half-widths, non-increasing where they are &ge; 0
	 */
	RowRuns dilate(final int[] half) {
		// per-thread scratch, all zero between calls (every slice of a volume calls this)
		int[] cover = COVER.get();
		if (cover.length < w + 1) COVER.set(cover = new int[w + 1]);
		int reach = -1;
		for (int g = 0; g < half.length && half[g] >= 0; g++)
			reach = g;
		// per row, the widest gap between its runs
		final int[] maxGap = new int[h];
		for (int y = 0; y < h; y++)
			for (int k = rowStart[y] + 1; k < rowStart[y + 1]; k++)
				maxGap[y] = Math.max(maxGap[y], xs[2 * k] - xs[2 * k - 1]);
		final Builder b = new Builder(w, h);
		for (int y = 0; y < h; y++) {
			// the common case first: every row within reach is one interval once its gaps are closed, and taken from the
			// nearest row outwards each overlaps or touches the union so far, which is then that one interval
			int ulo = 0, uhi = 0;
			boolean one = true;
			for (int k = 0; k <= 2 * reach && one; k++) {
				final int dy = (k & 1) == 0 ? k / 2 : -(k + 1) / 2, r = y + dy;
				if (r < 0 || r >= h || rowStart[r] == rowStart[r + 1]) continue;
				final int hw = half[Math.abs(dy)];
				if (maxGap[r] > 2 * hw) one = false;
				else {
					final int a = Math.max(0, xs[2 * rowStart[r]] - hw), c = Math.min(w, xs[2 * rowStart[r + 1] - 1] + hw);
					if (ulo == uhi) {
						ulo = a;
						uhi = c;
					}
					else if (a <= uhi && c >= ulo) {
						ulo = Math.min(ulo, a);
						uhi = Math.max(uhi, c);
					}
					else one = false;
				}
			}
			if (one) {
				b.add(ulo, uhi);
				b.nextRow();
				continue;
			}
			// otherwise +1 at the start and -1 at the end of every reaching run; the covered columns are where the sum is
			// positive
			int lo = w, hi = 0;
			for (int dy = -reach; dy <= reach; dy++) {
				final int r = y + dy;
				if (r < 0 || r >= h) continue;
				final int first = rowStart[r], end = rowStart[r + 1];
				if (first == end) continue;
				final int hw = half[Math.abs(dy)];
				// runs whose gap the reach closes join into one interval (a lung's row is often one interval with
				// vessels cut out of it: when no gap is wider than twice the reach, the whole row is one interval)
				int s = xs[2 * first], e = xs[2 * first + 1];
				if (maxGap[r] > 2 * hw) for (int k = first + 1; k < end; k++) {
					if (xs[2 * k] - e > 2 * hw) {
						final int a = Math.max(0, s - hw), c = Math.min(w, e + hw);
						cover[a]++;
						cover[c]--;
						if (a < lo) lo = a;
						s = xs[2 * k];
					}
					e = xs[2 * k + 1];
				}
				else e = xs[2 * end - 1];
				final int a = Math.max(0, s - hw), c = Math.min(w, e + hw);
				cover[a]++;
				cover[c]--;
				if (a < lo) lo = a;
				if (c > hi) hi = c;
			}
			int sum = 0, start = -1;
			for (int x = lo; x <= hi && lo < w; x++) {
				sum += cover[x];
				cover[x] = 0;
				if (sum > 0 && start < 0) start = x;
				else if (sum == 0 && start >= 0) {
					b.add(start, x);
					start = -1;
				}
			}
			b.nextRow();
		}
		return b.build();
	}

	/**
	 * Erosion by the same structuring element as {@link #dilate}: a pixel stays when every pixel of the window within
	 * its reach is set; pixels beyond the window do not count (the same as the complement of the dilation of the
	 * complement). Row by row, the intersection of the rows within reach, each shrunk by its half-width (a run that
	 * touches the window's edge is not shrunk at that edge): work in the number of runs, not pixels.
	 */
	RowRuns erode(final int[] half) {
		int reach = -1;
		for (int g = 0; g < half.length && half[g] >= 0; g++)
			reach = g;
		final Builder b = new Builder(w, h);
		int[] cur = new int[16], next = new int[16];
		for (int y = 0; y < h; y++) {
			// the common case first (a closed lung's rows): every row within reach is one run, so the result is one
			// interval, the intersection of the shrunk runs; an empty row within reach leaves nothing
			int from = 0, to = w;
			boolean simple = true;
			for (int dy = -reach; dy <= reach && from < to; dy++) {
				final int r = y + dy;
				if (r < 0 || r >= h) continue;
				final int k = rowStart[r], runs = rowStart[r + 1] - k;
				if (runs == 0) to = from;
				else if (runs > 1) {
					simple = false;
					break;
				}
				else {
					final int hw = half[Math.abs(dy)];
					from = Math.max(from, xs[2 * k] == 0 ? 0 : xs[2 * k] + hw);
					to = Math.min(to, xs[2 * k + 1] == w ? w : xs[2 * k + 1] - hw);
				}
			}
			if (simple) {
				if (from < to) b.add(from, to);
				b.nextRow();
				continue;
			}
			// start from the whole row, intersect with each row within reach
			cur[0] = 0;
			cur[1] = w;
			int n = 2;
			for (int dy = -reach; dy <= reach && n > 0; dy++) {
				final int r = y + dy;
				if (r < 0 || r >= h) continue;
				final int hw = half[Math.abs(dy)];
				final int first = rowStart[r], end = rowStart[r + 1];
				if (next.length < n + 2 * (end - first)) next = new int[2 * (n + 2 * (end - first))];
				int m = 0, i = 0, k = first;
				while (i < n && k < end) {
					final int a = xs[2 * k] == 0 ? 0 : xs[2 * k] + hw, e = xs[2 * k + 1] == w ? w : xs[2 * k + 1] - hw;
					if (a >= e) {
						k++;
						continue;
					}
					final int lo = Math.max(cur[i], a), hi = Math.min(cur[i + 1], e);
					if (lo < hi) {
						next[m++] = lo;
						next[m++] = hi;
					}
					if (cur[i + 1] < e) i += 2;
					else k++;
				}
				final int[] t = cur;
				cur = next;
				next = t;
				n = m;
			}
			for (int i = 0; i < n; i += 2)
				b.add(cur[i], cur[i + 1]);
			b.nextRow();
		}
		return b.build();
	}

	/**
	 * @return the holes of this region: the 4-connected components of the pixels not in it that touch no edge of the
	 *         window
	 */
	RowRuns holes() {
		final RowRuns bg = complement();
		final int n = bg.count();
		final int[] parent = new int[n];
		for (int i = 0; i < n; i++)
			parent[i] = i;
		// runs of neighbouring rows that share a column are 4-connected
		for (int y = 1; y < h; y++) {
			int i = bg.rowStart[y - 1], j = bg.rowStart[y];
			final int iEnd = bg.rowStart[y], jEnd = bg.rowStart[y + 1];
			while (i < iEnd && j < jEnd) {
				if (bg.xs[2 * i] < bg.xs[2 * j + 1] && bg.xs[2 * j] < bg.xs[2 * i + 1]) ConnectedComponents.union(parent, i, j);
				if (bg.xs[2 * i + 1] < bg.xs[2 * j + 1]) i++;
				else j++;
			}
		}
		final boolean[] edge = new boolean[n];
		for (int y = 0; y < h; y++)
			for (int k = bg.rowStart[y]; k < bg.rowStart[y + 1]; k++)
				if (y == 0 || y == h - 1 || bg.xs[2 * k] == 0 || bg.xs[2 * k + 1] == w) edge[ConnectedComponents.find(parent, k)] = true;
		final Builder b = new Builder(w, h);
		for (int y = 0; y < h; y++) {
			for (int k = bg.rowStart[y]; k < bg.rowStart[y + 1]; k++)
				if (!edge[ConnectedComponents.find(parent, k)]) b.add(bg.xs[2 * k], bg.xs[2 * k + 1]);
			b.nextRow();
		}
		return b.build();
	}

	/** @return whether pixel (x, y) of the window is set */
	boolean contains(final int x, final int y) {
		for (int k = rowStart[y]; k < rowStart[y + 1]; k++)
			if (x >= xs[2 * k] && x < xs[2 * k + 1]) return true;
		return false;
	}
}

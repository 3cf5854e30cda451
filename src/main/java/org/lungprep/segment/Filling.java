package org.lungprep.segment;

import org.lungprep.core.ByteScan;
import org.lungprep.core.Parallel;

/**
 * Per-slice, per-lung hole filling, closing and dilation (slices in parallel), on the runs of each lung's rows
 * ({@link RowRuns}): the work follows the outlines, not the areas.
 */
final class Filling {

	private Filling() { }

	/** Fills holes and closes each lung per slice; never where {@code excluded} (the airway) is set (null planes: none). */
	static void fillAndClose(final byte[][] labels, final byte[][] excluded, final int nx, final int ny, final double sx, final double sy,
		final double closingMm)
	{
		final int[] half = closingMm > 0 ? Distance2D.halfWidths(sx, sy, closingMm * closingMm) : null;
		final int margin = (int) Math.ceil(closingMm / Math.min(sx, sy)) + 2;
		Parallel.forEach(labels.length, z -> {
			final RowRuns[] lungs = lungRuns(labels[z], nx, ny);
			for (int label = 1; label <= 2; label++)
				if (lungs[label - 1] != null) fillAndClose(labels[z], excluded[z], nx, ny, lungs[label - 1], half, margin, (byte) label);
		});
	}

	/** Adds a margin of mm around each lung per slice; never where {@code excluded} is set. */
	static void dilate(final byte[][] labels, final byte[][] excluded, final int nx, final int ny, final double sx, final double sy, final double mm) {
		final int[] half = Distance2D.halfWidths(sx, sy, mm * mm);
		final int margin = (int) Math.ceil(mm / Math.min(sx, sy)) + 2;
		Parallel.forEach(labels.length, z -> {
			final RowRuns[] lungs = lungRuns(labels[z], nx, ny);
			for (int label = 1; label <= 2; label++) {
				final RowRuns fg = lungs[label - 1];
				if (fg == null) continue;
				final Window win = new Window(fg, margin);
				paint(labels[z], excluded[z], nx, ny, win, win.crop.dilate(half), (byte) label);
			}
		});
	}

	/**
	 * Closing: dilation by the disk, then erosion (what stays further than the radius from outside the dilation); then
	 * the holes (background not connected to the window's edge). Painted where the slice is empty and not excluded.
	 * <p>
	 * The lung's own holes (its vessels) are filled before the closing too: a lung with holes has many runs per row,
	 * and the dilation's work grows with the runs times the disk's rows. The result is the same: filling the holes of
	 * the closed lung leaves a set the closing does not change (what is left outside it is a component of an opening,
	 * a union of whole disks), and that set holds the filled lung, so it holds the filled lung's closing as well.
	 * {@code FillingTest} checks it against the closing of the lung as it is.
	 */
	private static void fillAndClose(final byte[] p, final byte[] ex, final int nx, final int ny, final RowRuns lung, final int[] half, final int margin,
		final byte label)
	{
		final Window win = new Window(lung, margin);
		RowRuns filled = win.crop;
		filled = filled.union(filled.holes());
		if (half != null) {
			filled = filled.union(filled.dilate(half).erode(half));
			filled = filled.union(filled.holes());
		}
		paint(p, ex, nx, ny, win, filled, label);
	}

	/**
	 * A lung's runs in a window around it: its bounding box grown by the margin on every side, not clipped to the image
	 * (pixels beyond the image's edge are background, so closing never grows into the edge).
	 */
	private static final class Window {
		final int x0, y0;
		final RowRuns crop;

		/** @param lung the lung's runs in image coordinates (nx wide, ny high) */
		Window(final RowRuns lung, final int margin) {
			int first = -1, last = -1, left = Integer.MAX_VALUE, right = -1;
			for (int y = 0; y < lung.h; y++)
				if (lung.rowStart[y + 1] > lung.rowStart[y]) {
					if (first < 0) first = y;
					last = y;
					left = Math.min(left, lung.xs[2 * lung.rowStart[y]]);
					right = Math.max(right, lung.xs[2 * lung.rowStart[y + 1] - 1]);
				}
			x0 = left - margin;
			y0 = first - margin;
			final RowRuns.Builder b = new RowRuns.Builder(right - left + 2 * margin, last - first + 1 + 2 * margin);
			for (int y = first; y <= last; y++) {
				b.toRow(y - y0);
				for (int k = lung.rowStart[y]; k < lung.rowStart[y + 1]; k++)
					b.add(lung.xs[2 * k] - x0, lung.xs[2 * k + 1] - x0);
			}
			crop = b.build();
		}
	}

	/** @return the runs of label 1 and of label 2 of a slice (null for a label it does not hold) */
	private static RowRuns[] lungRuns(final byte[] p, final int nx, final int ny) {
		final RowRuns.Builder one = new RowRuns.Builder(nx, ny), two = new RowRuns.Builder(nx, ny);
		boolean anyOne = false, anyTwo = false;
		for (int y = 0, o = 0; y < ny; y++, o += nx) {
			final int end = o + nx;
			for (int x = ByteScan.firstSet(p, o, end); x < end; x = ByteScan.firstSet(p, x, end)) {
				final byte v = p[x];
				final int s = x;
				while (x < end && p[x] == v)
					x++;
				if (v == 1) {
					one.add(s - o, x - o);
					anyOne = true;
				}
				else if (v == 2) {
					two.add(s - o, x - o);
					anyTwo = true;
				}
			}
			one.nextRow();
			two.nextRow();
		}
		return new RowRuns[] { anyOne ? one.build() : null, anyTwo ? two.build() : null };
	}

	/** Sets label where the window's region lies in the image, the slice is empty and not excluded. */
	private static void paint(final byte[] p, final byte[] ex, final int nx, final int ny, final Window win, final RowRuns r, final byte label) {
		for (int y = 0; y < r.h; y++) {
			final int iy = y + win.y0;
			if (iy < 0 || iy >= ny) continue;
			final int o = iy * nx;
			for (int k = r.rowStart[y]; k < r.rowStart[y + 1]; k++) {
				final int a = Math.max(0, r.xs[2 * k] + win.x0), b = Math.min(nx, r.xs[2 * k + 1] + win.x0);
				for (int i = o + a; i < o + b; i++)
					if (p[i] == 0 && (ex == null || ex[i] == 0)) p[i] = label;
			}
		}
	}
}

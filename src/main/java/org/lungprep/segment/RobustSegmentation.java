package org.lungprep.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.lungprep.core.ByteScan;
import org.lungprep.core.Connectivity;
import org.lungprep.core.Geometry;
import org.lungprep.core.Parallel;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;

import net.imglib2.type.numeric.RealType;

/**
 * The robust lung segmentation. Starting from air (HU at or below the threshold):
 * <ol>
 * <li><b>Outside air</b>: every 6-connected air component that touches a lateral face of the volume (x or y edges) on
 * any slice, so tables that split the outside air and fields of view so tight the body touches the edge do not matter.
 * Components touching only the first or last slice (lungs cut by the scan range) stay.</li>
 * <li><b>Candidates</b>: the remaining components of at least 20 mL; the largest is a lung; the next one counts as the
 * other lung when it is at least 5 % of the largest and overlaps it in z (bowel gas below the lungs does not).</li>
 * <li><b>Airway</b>: in the top slices, the small (0.3 to 8 cm&sup2;), central air region of the candidates is the
 * trachea; it is followed down slice by slice through the regions that overlap it, as long as each stays smaller than
 * a leak limit (8 cm&sup2; and 3 times the trachea's area); where a region grows beyond that, the airway has entered the
 * lung, and only its dark lumen (below -950 HU, within the limit) overlapping the airway above is followed, together
 * with the wall's partial-volume rim (2 mm around it), until no such lumen is left. The airway found is removed, with
 * every thin run (under 6 mm along z) of mask voxels stacked on it: the partial volume of a bronchus wall parallel to
 * the slices, which at thick slices would join the lung as a fin. Limits:
 * bronchi beyond where their lumen stops being followed stay in the mask (a clean cut across the bronchus); a scan
 * starting below the carina has no trachea to remove.</li>
 * <li><b>Left and right</b>: two components are the two lungs; one component (lungs touching at the anterior or
 * posterior junction) is eroded until it splits into two large parts, which then grow back through the mask
 * (breadth first, so every voxel goes to the nearer part). Label 1 is the lung at lower patient x (LPS: the patient's
 * right), 2 the other.</li>
 * <li><b>Filling</b> (when fill is on): per slice and per lung, holes (vessels, airways inside the lung) are filled
 * (this includes every 3-D hole), then the outline is closed with a disk of the closing radius so juxtapleural nodules
 * stay inside.</li>
 * <li>Optional dilation margin, per slice.</li>
 * </ol>
 */
final class RobustSegmentation {

	private RobustSegmentation() { }

	/**
	 * @param mask all zero on entry (the air is found from the HU values); the labels on return
	 * @return the number of 26-connected components of the final mask
	 */
	static <T extends RealType<T>> int segment(final byte[][] mask, final Volume<T> hu, final SegmentSettings s, final ProgressListener progress) {
		final int nx = hu.size(0), ny = hu.size(1), nz = hu.size(2);
		final Geometry g = hu.geometry();
		final double voxelMl = g.voxelMillilitres();
		final double pixelCm2 = g.spacing(0) * g.spacing(1) / 100;

		// 1. outside air: the components of the air (HU at or below the threshold), from its runs
		final short[][] ct = new short[nz][];
		final net.imglib2.img.planar.PlanarImg<net.imglib2.type.numeric.integer.ShortType, ?> shorts = org.lungprep.core.Planar.asShorts(hu.image());
		for (int z = 0; z < nz; z++)
			ct[z] = org.lungprep.core.Planar.plane(shorts, z);
		final ConnectedComponents.Result air = ConnectedComponents.label(Runs.atOrBelow(ct, nx, ny, (int) Math.floor(s.thresholdHu())), Connectivity.SIX);
		final boolean[] keep = new boolean[air.count() + 1];
		final List<Integer> candidates = new ArrayList<>();
		for (int l = 1; l <= air.count(); l++) {
			final int[] b = air.boundingBox(l);
			final boolean lateral = b[0] == 0 || b[1] == 0 || b[3] == nx - 1 || b[4] == ny - 1;
			if (!lateral && air.size(l) * voxelMl >= 20) candidates.add(l);
		}
		candidates.sort((a, b) -> Long.compare(air.size(b), air.size(a)));
		final List<Integer> lungs = chooseLungs(air, candidates);
		for (final int l : lungs)
			keep[l] = true;
		air.paint(mask, keep, (byte) 1);
		progress.progress("segmenting lungs", 0.3);
		progress.checkCancelled();
		if (lungs.isEmpty()) return 0;

		// 3. airway
		final boolean superiorIsHighZ = g.direction()[8] >= 0;
		final byte[][] airway = new byte[nz][];
		// the lungs' box, from their components: where the airway search starts and how wide the chest is
		final int[] box = air.boundingBox(lungs.get(0));
		for (final int l : lungs) {
			final int[] b = air.boundingBox(l);
			for (int k = 0; k < 3; k++) {
				box[k] = Math.min(box[k], b[k]);
				box[k + 3] = Math.max(box[k + 3], b[k + 3]);
			}
		}
		removeAirway(mask, ct, airway, nx, ny, box, superiorIsHighZ, pixelCm2, g.spacing(0), g.spacing(1));
		removeStackedWall(mask, airway, nx, ny, g.spacing(2));
		progress.progress("segmenting lungs", 0.45);
		progress.checkCancelled();

		// 4. components again; left and right
		final ConnectedComponents.Result parts = ConnectedComponents.label(mask, nx, ny, Connectivity.SIX);
		final List<Integer> big = new ArrayList<>();
		for (int l = 1; l <= parts.count(); l++)
			if (parts.size(l) * voxelMl >= 20) big.add(l);
		big.sort((a, b) -> Long.compare(parts.size(b), parts.size(a)));
		final List<Integer> two = chooseLungs(parts, big);
		// everything painted so far lies in the lungs' box
		clear(mask, nx, box);
		if (two.size() == 2) {
			final int[] order = rightFirst(parts, two.get(0), two.get(1), g);
			paintLabel(parts, mask, order[0], (byte) 1);
			paintLabel(parts, mask, order[1], (byte) 2);
		}
		else if (two.size() == 1) {
			paintLabel(parts, mask, two.get(0), (byte) 1);
			// the box of what was painted is the component's
			Separation.split(mask, nx, ny, g, parts.boundingBox(two.get(0)), true);
		}
		progress.progress("segmenting lungs", 0.65);
		progress.checkCancelled();

		// 5. filling and closing, 6. dilation
		if (s.fill()) Filling.fillAndClose(mask, airway, nx, ny, g.spacing(0), g.spacing(1), s.closingMm());
		if (s.dilationMm() > 0) Filling.dilate(mask, airway, nx, ny, g.spacing(0), g.spacing(1), s.dilationMm());
		return dropSpecks(mask, nx, ny);
	}

	/**
	 * Filling around the removed airway can leave a few voxels that touch neither lung; keep only components of at least
	 * 1 % of the largest.
	 */
	private static int dropSpecks(final byte[][] mask, final int nx, final int ny) {
		final ConnectedComponents.Result cc = ConnectedComponents.label(mask, nx, ny, Connectivity.TWENTY_SIX);
		final int largest = cc.largest();
		if (largest == 0) return 0;
		final boolean[] drop = new boolean[cc.count() + 1];
		int dropped = 0;
		for (int l = 1; l <= cc.count(); l++)
			if (cc.size(l) < 0.01 * cc.size(largest)) {
				drop[l] = true;
				dropped++;
			}
		if (dropped > 0) cc.paint(mask, drop, (byte) 0);
		// removing components joins no others: what is left is the mask's components
		return cc.count() - dropped;
	}

	/** The largest candidate, plus the second when it is at least 5 % of the largest and overlaps it in z. */
	private static List<Integer> chooseLungs(final ConnectedComponents.Result cc, final List<Integer> bySize) {
		final List<Integer> out = new ArrayList<>();
		if (bySize.isEmpty()) return out;
		final int first = bySize.get(0);
		out.add(first);
		final int[] a = cc.boundingBox(first);
		for (final int l : bySize.subList(1, bySize.size())) {
			final int[] b = cc.boundingBox(l);
			final int overlap = Math.min(a[5], b[5]) - Math.max(a[2], b[2]) + 1;
			final int extent = b[5] - b[2] + 1;
			if (cc.size(l) >= 0.05 * cc.size(first) && overlap >= 0.3 * extent) {
				out.add(l);
				break;
			}
		}
		return out;
	}

	/** @return {right, left}: the component whose centre has the lower patient x first */
	private static int[] rightFirst(final ConnectedComponents.Result cc, final int a, final int b, final Geometry g) {
		final double xa = centreX(cc.boundingBox(a), g), xb = centreX(cc.boundingBox(b), g);
		return xa <= xb ? new int[] { a, b } : new int[] { b, a };
	}

	static double centreX(final int[] box, final Geometry g) {
		return g.toPhysical(new double[] { (box[0] + box[3]) / 2.0, (box[1] + box[4]) / 2.0, (box[2] + box[5]) / 2.0 })[0];
	}

	private static void paintLabel(final ConnectedComponents.Result cc, final byte[][] mask, final int label, final byte value) {
		final boolean[] k = new boolean[cc.count() + 1];
		k[label] = true;
		cc.paint(mask, k, value);
	}

	/** Zeroes the box ({xmin, ymin, zmin, xmax, ymax, zmax}, inclusive) of the mask. */
	static void clear(final byte[][] mask, final int nx, final int[] box) {
		Parallel.forEach(box[5] - box[2] + 1, k -> {
			final byte[] p = mask[box[2] + k];
			for (int y = box[1]; y <= box[4]; y++)
				Arrays.fill(p, y * nx + box[0], y * nx + box[3] + 1, (byte) 0);
		});
	}

	/** Airway lumen is darker than lung parenchyma (about -850 HU): inside the lungs the airway is followed through these. */
	static final int LUMEN_HU = -950;

	/** The largest cross-section (cm^2) of an airway region before it counts as grown into the lung. */
	private static final double LEAK_CM2 = 8;

	/** Width (mm) of the airway wall's partial-volume rim removed with a lumen followed inside the lung. */
	private static final double RIM_MM = 2;

	/**
	 * Finds the trachea in the top slices and follows it down while its regions stay small; where a region grows into
	 * the lung, only the lumen (darker than {@value #LUMEN_HU} HU) connected to the airway above is followed. Removes
	 * what it found from the mask and records it in {@code airway} (null planes where there is none). {@code box} is the
	 * mask's bounding box {xmin, ymin, zmin, xmax, ymax, zmax} (inclusive).
	 */
	private static void removeAirway(final byte[][] mask, final short[][] ct, final byte[][] airwayOut, final int nx, final int ny, final int[] box,
		final boolean superiorIsHighZ, final double pixelCm2, final double sx, final double sy)
	{
		final int nz = mask.length;
		// slices counted from the top (superior) one
		final int top = superiorIsHighZ ? nz - 1 - box[5] : box[2], bottom = superiorIsHighZ ? nz - 1 - box[2] : box[5];
		final int xmin = box[0], xmax = box[3];
		final double mid = (xmin + xmax) / 2.0, halfWidth = Math.max(1, (xmax - xmin) / 2.0);
		final int searchEnd = top + Math.max(1, (bottom - top) / 5);
		byte[] previous = null;
		double seedArea = 0;
		final LumenScratch scratch = new LumenScratch(nx * ny);
		for (int k = top; k <= bottom; k++) {
			final int z = superiorIsHighZ ? nz - 1 - k : k;
			final byte[] p = mask[z];
			final ConnectedComponents.Result cc = ConnectedComponents.label(new byte[][] { p }, nx, ny, Connectivity.EIGHT);
			final byte[] current = new byte[p.length];
			boolean any = false;
			if (previous == null) {
				if (k > searchEnd) return;
				final boolean[] seed = new boolean[cc.count() + 1];
				// seed: small, central region
				for (int l = 1; l <= cc.count(); l++) {
					final double area = cc.size(l) * pixelCm2;
					final int[] b = cc.boundingBox(l);
					final double cx = (b[0] + b[3]) / 2.0;
					if (area >= 0.3 && area <= 8 && Math.abs(cx - mid) < 0.25 * halfWidth) {
						seed[l] = true;
						seedArea = Math.max(seedArea, area);
						any = true;
					}
				}
				cc.paintPlane(current, seed, (byte) 1);
			}
			else {
				final double limit = Math.min(LEAK_CM2, Math.max(3 * seedArea, 1));
				final boolean[] touches = overlapping(cc, previous, nx, ny);
				final boolean[] small = new boolean[cc.count() + 1];
				final boolean[] large = new boolean[cc.count() + 1];
				boolean anyLarge = false;
				for (int l = 1; l <= cc.count(); l++)
					if (touches[l]) {
						if (cc.size(l) * pixelCm2 <= limit) small[l] = true;
						else anyLarge = large[l] = true;
						any = true;
					}
				cc.paintPlane(current, small, (byte) 1);
				// inside a region that grew into the lung (if one did): the dark lumen overlapping the airway above
				if (anyLarge) followLumen(cc, large, previous, p, ct[z], current, nx, ny, pixelCm2, limit, sx, sy, scratch);
			}
			if (ByteScan.firstSet(current, 0, current.length) == current.length) {
				if (previous != null) return;
				continue;
			}
			for (int i = ByteScan.firstSet(current, 0, current.length); i < current.length; i = ByteScan.firstSet(current, i + 1, current.length))
				p[i] = 0;
			airwayOut[z] = current;
			previous = current;
		}
	}

	/**
	 * In the regions of a slice that grew into the lung ({@code large} labels of cc, the 8-connected components of the
	 * slice's mask {@code m}): the dark lumen (below {@value #LUMEN_HU} HU) overlapping the airway of the slice above,
	 * each 8-connected piece within the leak limit, goes into {@code current} with its wall's partial-volume rim (between
	 * lumen and -320 HU), or a hollow tube of rim would stay behind and join the lungs through the bronchi.
	 * <p>
	 * Worked near the airway only: each piece is flood-filled from the airway above and given up as soon as it passes the
	 * limit (a lumen piece lies inside one mask component, so filling through the mask's dark pixels stays in the large
	 * region it started in). The same pixels as labelling the whole slice's lumen, in a fraction of the time.
	 */
	static void followLumen(final ConnectedComponents.Result cc, final boolean[] large, final byte[] previous, final byte[] m, final short[] c,
		final byte[] current, final int nx, final int ny, final double pixelCm2, final double limit, final double sx, final double sy, final LumenScratch s)
	{
		final int n = nx * ny;
		final byte[] seen = s.seen;
		// every pixel visited, in the order filled; seen is 1 for a piece followed (or being filled), 2 for one given up
		int size = 0;
		boolean anyFollowed = false;
		for (int i = ByteScan.firstSet(previous, 0, n); i < n; i = ByteScan.firstSet(previous, i + 1, n)) {
			if (seen[i] != 0 || m[i] == 0 || c[i] >= LUMEN_HU || !large[cc.labelAt(i % nx, i / nx, 0)]) continue;
			final int start = size;
			size = s.add(size, i);
			seen[i] = 1;
			boolean giveUp = false;
			for (int h = start; h < size && !giveUp; h++) {
				final int q = s.list[h], x = q % nx, y = q / nx;
				for (int yy = Math.max(0, y - 1); yy <= Math.min(ny - 1, y + 1); yy++)
					for (int xx = Math.max(0, x - 1); xx <= Math.min(nx - 1, x + 1); xx++) {
						final int j = yy * nx + xx;
						if (m[j] == 0 || c[j] >= LUMEN_HU || seen[j] == 1) continue;
						// a pixel of a piece given up: this is the same piece
						if (seen[j] == 2) giveUp = true;
						else {
							size = s.add(size, j);
							seen[j] = 1;
						}
					}
				if ((size - start) * pixelCm2 > limit) giveUp = true;
			}
			if (giveUp) for (int k = start; k < size; k++)
				seen[s.list[k]] = 2;
			else anyFollowed = true;
		}
		if (anyFollowed) addRim(s, size, cc, large, m, current, nx, ny, sx, sy);
		for (int k = 0; k < size; k++)
			seen[s.list[k]] = 0;
	}

	/** What the lumen search reuses from slice to slice: a plane that is all zero between calls, and a list of pixels. */
	static final class LumenScratch {
		final byte[] seen;
		int[] list = new int[1024];

		LumenScratch(final int n) {
			seen = new byte[n];
		}

		/** Puts pixel i at position size of the list (growing it) and returns the new size. */
		int add(final int size, final int i) {
			if (size == list.length) list = Arrays.copyOf(list, 2 * size);
			list[size] = i;
			return size + 1;
		}
	}

	/** Thickness (mm along z) below which a run of mask voxels stacked on the airway is its wall's partial volume. */
	private static final double STACKED_WALL_MM = 6;

	/**
	 * The airway's wall across slices: the airway is followed slice by slice and its rim taken in-plane, but where a
	 * bronchus runs nearly parallel to the slices, the partial volume of its upper or lower wall is a thin sheet in the
	 * slices next to the lumen, as thick as the scan's slices were (a 5 mm scan resampled to 1 mm gives sheets 3-4 voxels
	 * thick), and such a sheet reaches from the carina to the lung as a thin fin. Here every column run of mask voxels
	 * that touches the removed airway along z and is thinner than {@value #STACKED_WALL_MM} mm is removed (and recorded
	 * as airway); lung parenchyma above or below an airway is a long run and stays.
	 */
	static void removeStackedWall(final byte[][] mask, final byte[][] airway, final int nx, final int ny, final double sz) {
		final int nz = mask.length, n = nx * ny;
		final int maxRun = (int) Math.ceil(STACKED_WALL_MM / sz - 1e-9) - 1;
		if (maxRun < 1) return;
		// the columns the airway passes through, and per column the start of the current mask run and whether it
		// touched the airway at its start
		final boolean[] footprint = new boolean[n];
		boolean anyAirway = false;
		for (final byte[] a : airway)
			if (a != null) {
				anyAirway = true;
				for (int i = 0; i < n; i++)
					if (a[i] != 0) footprint[i] = true;
			}
		if (!anyAirway) return;
		int count = 0;
		for (int i = 0; i < n; i++)
			if (footprint[i]) count++;
		final int[] columns = new int[count];
		for (int i = 0, k = 0; i < n; i++)
			if (footprint[i]) columns[k++] = i;
		final int[] start = new int[count];
		Arrays.fill(start, -1);
		final boolean[] touched = new boolean[count];
		// the columns are independent: two halves at once; each reads and writes only its own columns, and an airway
		// plane is made under a lock (a plane the other half makes meanwhile holds nothing in this half's columns)
		final int columnCount = count, parts = count >= 1024 ? 2 : 1;
		Parallel.forEach(parts, p -> {
			final int c0 = p * columnCount / parts, c1 = (p + 1) * columnCount / parts;
			for (int z = 0; z <= nz; z++) {
				final byte[] m = z < nz ? mask[z] : null, a = z < nz ? airway[z] : null, below = z > 0 ? airway[z - 1] : null;
				for (int c = c0; c < c1; c++) {
					final int i = columns[c];
					final boolean in = m != null && m[i] != 0;
					if (in && start[c] < 0) {
						start[c] = z;
						touched[c] = below != null && below[i] != 0;
					}
					else if (!in && start[c] >= 0) {
						final int s0 = start[c];
						start[c] = -1;
						if (z - s0 <= maxRun && (touched[c] || a != null && a[i] != 0))
							for (int k = s0; k < z; k++) {
								mask[k][i] = 0;
								plane(airway, k, n)[i] = 1;
							}
					}
				}
			}
		});
	}

	/** airway[k], made (zeroed) if there is none yet; safe from several threads. */
	private static byte[] plane(final byte[][] airway, final int k, final int n) {
		synchronized (airway) {
			if (airway[k] == null) airway[k] = new byte[n];
			return airway[k];
		}
	}

	/**
	 * Sets in {@code out} the pixels of the large regions within {@value #RIM_MM} mm of the followed lumen (the listed
	 * pixels that {@code s.seen} marks 1), worked in the lumen's box.
	 */
	private static void addRim(final LumenScratch s, final int size, final ConnectedComponents.Result cc, final boolean[] large, final byte[] m,
		final byte[] out, final int nx, final int ny, final double sx, final double sy)
	{
		int x0 = nx, y0 = ny, x1 = -1, y1 = -1;
		for (int k = 0; k < size; k++) {
			final int i = s.list[k];
			if (s.seen[i] != 1) continue;
			final int x = i % nx, y = i / nx;
			x0 = Math.min(x0, x);
			x1 = Math.max(x1, x);
			y0 = Math.min(y0, y);
			y1 = Math.max(y1, y);
		}
		x0 = Math.max(0, x0 - (int) Math.ceil(RIM_MM / sx) - 1);
		y0 = Math.max(0, y0 - (int) Math.ceil(RIM_MM / sy) - 1);
		x1 = Math.min(nx - 1, x1 + (int) Math.ceil(RIM_MM / sx) + 1);
		y1 = Math.min(ny - 1, y1 + (int) Math.ceil(RIM_MM / sy) + 1);
		final int w = x1 - x0 + 1, h = y1 - y0 + 1;
		final boolean[] crop = new boolean[w * h];
		for (int k = 0; k < size; k++) {
			final int i = s.list[k];
			if (s.seen[i] == 1) crop[(i / nx - y0) * w + i % nx - x0] = true;
		}
		final boolean[] near = Distance2D.within(crop, w, h, sx, sy, RIM_MM);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int i = (y + y0) * nx + x + x0;
				if (near[y * w + x] && m[i] != 0 && large[cc.labelAt(x + x0, y + y0, 0)]) out[i] = 1;
			}
	}

	private static boolean[] overlapping(final ConnectedComponents.Result cc, final byte[] previous, final int nx, final int ny) {
		final boolean[] t = new boolean[cc.count() + 1];
		final int n = nx * ny;
		// the airway above is small: skip its empty stretches eight bytes at a time
		for (int i = ByteScan.firstSet(previous, 0, n); i < n; i = ByteScan.firstSet(previous, i + 1, n))
			t[cc.labelAt(i % nx, i / nx, 0)] = true;
		t[0] = false;
		return t;
	}
}

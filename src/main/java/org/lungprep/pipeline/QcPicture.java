package org.lungprep.pipeline;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.lungprep.core.ByteScan;
import org.lungprep.core.Decimals;
import org.lungprep.core.Geometry;
import org.lungprep.core.Parallel;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.RgbPixels;
import org.lungprep.core.Volume;
import org.lungprep.mesh.ColoredMesh;
import org.lungprep.mesh.MaskSurface;
import org.lungprep.mesh.MeshRenderer;
import org.lungprep.mesh.RenderSettings;
import org.lungprep.mesh.TriangleMesh;

/**
 * The quality-control picture of a preprocessing run ({@code qc.png}): axial, coronal and sagittal
 * slices through the centre of the lungs in a lung window with the mask's outline in colour, and a
 * 3D render (lungs, plus bone when given) from the front, so that a glance at a folder of pictures
 * shows failed segmentations.
 * <p>
 * All three slices share one scale in mm per pixel and are drawn aspect-correct from the voxel
 * spacing; axial and coronal show the patient's left on the right (radiological convention),
 * sagittal anterior on the left, coronal and sagittal superior up. Edge letters (R/L, A/P, S/I) come
 * from the volume's direction matrix, and each panel has a millimetre scale bar. Text uses a built-in
 * bitmap font, so the picture needs no system fonts and is the same on every machine.
 */
public final class QcPicture {

	/** Side of each of the four square panels, pixels. */
	public static final int PANEL = 400;
	/** Lung window: level -600 HU, width 1500 HU. */
	static final double WINDOW_LOW = -1350, WINDOW_HIGH = 150;

	private static final int[] LABEL_COLOURS = { 0x00E0FF, 0x00FF60, 0xFF9000, 0xFF40FF };
	private static final int BONE = 0xE8DCC0, LUNG = 0x4FA8FF, TEXT = 0xFFFF40, MARGIN = 8;

	private QcPicture() { }

	/**
	 * @param hu the HU volume (any geometry)
	 * @param mask lung mask or labels (0 = background) on the same grid, or null for slices through the volume's centre without outline
	 * @param bone a bone surface in LPS mm for the 3D panel, or null
	 * @return an 800×800 RGB picture
	 */
	public static BufferedImage render(final Volume<ShortType> hu, final Volume<UnsignedByteType> mask, final TriangleMesh bone) {
		return renderPixels(hu, mask, bone).toBufferedImage();
	}

	/** As {@link #render}, as plain pixels (no AWT image: see {@link RgbPixels}). */
	public static RgbPixels renderPixels(final Volume<ShortType> hu, final Volume<UnsignedByteType> mask, final TriangleMesh bone) {
		if (hu == null) throw new IllegalArgumentException("HU volume is null");
		if (mask != null && !Arrays.equals(hu.dimensions(), mask.dimensions()))
			throw new IllegalArgumentException("mask size (x,y,z) " + Arrays.toString(mask.dimensions()) + " differs from the HU volume's " + Arrays.toString(hu.dimensions()));
		final Slicer s = new Slicer(hu, mask);
		final RgbPixels img = new RgbPixels(2 * PANEL, 2 * PANEL);
		final int[] px = img.rgb();
		// the four panels draw into their own quarters of the picture: in parallel, the 3D one first, as it takes longest
		// (and is parallel inside too, so threads done with the slices help with it)
		Parallel.forEach(4, panel -> {
			if (panel == 0) render3d(px, s, hu, mask, bone);
			else if (panel == 1) s.panel(px, 0, 0, 0, 1, 2, "AXIAL");
			else if (panel == 2) s.panel(px, PANEL, 0, 0, 2, 1, "CORONAL");
			else s.panel(px, 0, PANEL, 1, 2, 0, "SAGITTAL");
		});
		// separators
		for (int i = 0; i < 2 * PANEL; i++) {
			px[(PANEL) * 2 * PANEL + i] = 0x606060;
			px[i * 2 * PANEL + PANEL] = 0x606060;
		}
		return img;
	}

	private static void render3d(final int[] px, final Slicer s, final Volume<ShortType> hu, final Volume<UnsignedByteType> mask, final TriangleMesh bone) {
		final List<ColoredMesh> scene = new ArrayList<>();
		if (mask != null) {
			// blocks of 2.5-3.5 mm (3 voxels at 1 mm) keep the lung surface cheap: the panel shows about 1.3 pixels per
			// mm, and 2 mm blocks (3.4 times the cells) cost about 0.05 s more per scan for a surface that mostly showed
			// the terraces of thick source slices more sharply; smoothed, so no voxel terraces; at least 32 blocks across
			// the volume's smallest side, so tiny voxels in a small volume still give a surface
			final int minSide = (int) Math.min(mask.size(0), Math.min(mask.size(1), mask.size(2)));
			final int step = Math.max(1, Math.min(Math.min(15, minSide / 32), (int) Math.round(2.5 / Math.min(hu.geometry().spacing(0), hu.geometry().spacing(1)))));
			final TriangleMesh lungs = s.box == null ? TriangleMesh.empty() : MaskSurface.smooth(mask, step, s.box, ProgressListener.NONE);
			if (!lungs.isEmpty()) scene.add(new ColoredMesh(lungs, LUNG));
		}
		if (bone != null && !bone.isEmpty()) scene.add(new ColoredMesh(bone, BONE));
		final int x0 = PANEL, y0 = PANEL;
		if (scene.isEmpty()) {
			Font.draw(px, 2 * PANEL, x0 + MARGIN, y0 + PANEL / 2, "NO SURFACE", TEXT);
			return;
		}
		final double ppm = Math.min(PANEL - 2 * MARGIN, PANEL - 2 * MARGIN) / s.maxExtentMm();
		final int[] rp = MeshRenderer.renderPixels(scene, RenderSettings.DEFAULT.withSize(PANEL, PANEL).withPixelsPerMm(ppm).withSupersampling(2).withBackground(0)).rgb();
		for (int y = 0; y < PANEL; y++)
			System.arraycopy(rp, y * PANEL, px, (y0 + y) * 2 * PANEL + x0, PANEL);
		Font.draw(px, 2 * PANEL, x0 + MARGIN, y0 + MARGIN, bone != null && !bone.isEmpty() ? "3D LUNGS+BONE, FRONT" : "3D LUNGS, FRONT", TEXT);
		// default camera: patient's left (L) on the right, superior (S) up
		Font.draw(px, 2 * PANEL, x0 + MARGIN, y0 + PANEL / 2 - 7, "R", TEXT);
		Font.draw(px, 2 * PANEL, x0 + PANEL - MARGIN - 10, y0 + PANEL / 2 - 7, "L", TEXT);
		Font.draw(px, 2 * PANEL, x0 + PANEL / 2 - 5, y0 + MARGIN + 20, "S", TEXT);
		Font.draw(px, 2 * PANEL, x0 + PANEL / 2 - 5, y0 + PANEL - MARGIN - 14, "I", TEXT);
		scaleBar(px, x0, y0, ppm);
	}

	/** A bar of a round length near a quarter panel, bottom right, with its length in mm. */
	static void scaleBar(final int[] px, final int x0, final int y0, final double ppm) {
		final double target = PANEL / 4.0 / ppm;
		double mm = 1;
		for (final double c : new double[] { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 })
			if (c <= target) mm = c;
		final int len = (int) Math.round(mm * ppm);
		final int y = y0 + PANEL - MARGIN - 4, xe = x0 + PANEL - MARGIN;
		for (int t = 0; t < 3; t++)
			for (int x = xe - len; x < xe; x++) px[(y + t) * 2 * PANEL + x] = 0xFFFFFF;
		final String label = (int) mm + " MM";
		Font.draw(px, 2 * PANEL, xe - Font.width(label), y - 18, label, 0xFFFFFF);
	}

	/** Samples planes through the lung centre. */
	private static final class Slicer {
		final int[] n = new int[3];
		final double[] spacing;
		final short[][] hu;
		final byte[][] mask;
		/** voxel index of the lung centre */
		final int[] centre = new int[3];
		final Geometry geo;
		final double ppm;
		/** {xmin, ymin, zmin, xmax, ymax, zmax} of the mask's voxels (inclusive), null without a mask or for an empty one */
		int[] box;

		Slicer(final Volume<ShortType> v, final Volume<UnsignedByteType> m) {
			for (int d = 0; d < 3; d++) n[d] = v.size(d);
			geo = v.geometry();
			spacing = geo.spacing();
			final PlanarImg<ShortType, ?> h = Planar.asShorts(v.image());
			hu = new short[n[2]][];
			for (int z = 0; z < n[2]; z++) hu[z] = Planar.plane(h, z);
			if (m != null) {
				final PlanarImg<UnsignedByteType, ?> mm = Planar.asUnsignedBytes(m.image());
				mask = new byte[n[2]][];
				for (int z = 0; z < n[2]; z++) mask[z] = Planar.plane(mm, z);
			}
			else mask = null;
			final double[] c = maskCentre();
			for (int d = 0; d < 3; d++) centre[d] = (int) Math.max(0, Math.min(n[d] - 1, Math.round(c[d])));
			ppm = (PANEL - 2 * MARGIN) / maxExtentMm();
		}

		double maxExtentMm() {
			double e = 0;
			for (int d = 0; d < 3; d++) e = Math.max(e, n[d] * spacing[d]);
			return e;
		}

		/**
		 * Centroid of the mask in voxels, except x: the centroid of both lungs lies in the
		 * mediastinum, so x is the centroid of the mask's lower-x half (one lung) for the sagittal
		 * plane. The volume centre when there is no (or an empty) mask.
		 */
		private double[] maskCentre() {
			final double[] c = { (n[0] - 1) / 2.0, (n[1] - 1) / 2.0, (n[2] - 1) / 2.0 };
			if (mask == null) return c;
			// one pass over the runs of the mask's rows, slices in parallel: per slice, voxel counts per x column (as
			// run starts and ends, summed along x at the end) and the sum of y; summed in slice order
			final int nx = n[0], ny = n[1], nz = n[2];
			final int[][] perXz = new int[nz][];
			final long[] sumY = new long[nz], inSlice = new long[nz];
			// and per slice the mask's extent in x and y, for the box of the 3D panel's surface
			final int[][] extent = new int[nz][];
			Parallel.forEach(nz, z -> {
				final byte[] p = mask[z];
				final int[] cols = new int[nx + 1];
				long sy = 0, in = 0;
				int xlo = nx, xhi = -1, ylo = ny, yhi = -1;
				for (int y = 0, o = 0; y < ny; y++, o += nx) {
					final int end = o + nx;
					for (int a = ByteScan.firstSet(p, o, end); a < end;) {
						final int b = ByteScan.firstClear(p, a, end);
						cols[a - o]++;
						cols[b - o]--;
						sy += (long) y * (b - a);
						in += b - a;
						xlo = Math.min(xlo, a - o);
						xhi = Math.max(xhi, b - o - 1);
						if (ylo == ny) ylo = y;
						yhi = y;
						a = ByteScan.firstSet(p, b, end);
					}
				}
				if (xhi >= 0) extent[z] = new int[] { xlo, ylo, xhi, yhi };
				for (int x = 1; x < nx; x++)
					cols[x] += cols[x - 1];
				perXz[z] = cols;
				sumY[z] = sy;
				inSlice[z] = in;
			});
			final long[] perX = new long[nx];
			double sy = 0, sz = 0;
			long count = 0;
			for (int z = 0; z < nz; z++) {
				final int[] e = extent[z];
				if (e != null) {
					if (box == null) box = new int[] { e[0], e[1], z, e[2], e[3], z };
					box[0] = Math.min(box[0], e[0]);
					box[1] = Math.min(box[1], e[1]);
					box[3] = Math.max(box[3], e[2]);
					box[4] = Math.max(box[4], e[3]);
					box[5] = z;
				}
				for (int x = 0; x < nx; x++)
					perX[x] += perXz[z][x];
				sy += sumY[z];
				sz += (double) z * inSlice[z];
				count += inSlice[z];
			}
			if (count == 0) return c;
			double sx = 0;
			for (int x = 0; x < n[0]; x++) sx += (double) x * perX[x];
			final double cx = sx / count;
			double hx = 0;
			long hn = 0;
			for (int x = 0; x < cx; x++) {
				hx += (double) x * perX[x];
				hn += perX[x];
			}
			return new double[] { hn > 0 ? hx / hn : cx, sy / count, sz / count };
		}

		/**
		 * Draws the plane spanned by image axes h (horizontal) and v (vertical) through the centre,
		 * fixed axis f, into the panel at (x0, y0).
		 */
		void panel(final int[] px, final int x0, final int y0, final int h, final int v, final int f, final String name) {
			final int stride = 2 * PANEL;
			// display direction: axial/coronal horizontal towards L, sagittal horizontal towards P,
			// axial vertical towards P (anterior up), coronal/sagittal vertical towards I (superior up)
			final int hWant = h == 0 ? 0 : 1;
			final int vWant = v == 1 ? 1 : 2;
			final double[] ah = geo.axis(h), av = geo.axis(v);
			final boolean flipH = ah[hWant] < 0;
			final boolean flipV = v == 2 ? av[2] > 0 : av[vWant] < 0;
			final int[] lab = new int[PANEL * PANEL];
			// the continuous index along h depends on the column only, the one along v on the row only: their samples,
			// weights and addresses (plane and offset in it) are worked out once per column and per row
			final Axis cols = new Axis(h, flipH), rows = new Axis(v, flipV);
			final int fixedPlane = planeOf(f, centre[f]), fixedOffset = offsetOf(f, centre[f]);
			for (int y = 0; y < PANEL; y++) {
				final int o0 = (y0 + y) * stride + x0;
				if (!rows.inside[y]) {
					for (int x = 0; x < PANEL; x++) {
						px[o0 + x] = 0;
						lab[y * PANEL + x] = -1;
					}
					continue;
				}
				final double tv = rows.t[y];
				final int pv0 = fixedPlane + rows.plane0[y], pv1 = fixedPlane + rows.plane1[y], ov0 = fixedOffset + rows.offset0[y], ov1 = fixedOffset + rows.offset1[y];
				for (int x = 0; x < PANEL; x++) {
					final int o = o0 + x;
					if (!cols.inside[x]) {
						px[o] = 0;
						lab[y * PANEL + x] = -1;
						continue;
					}
					final double th = cols.t[x];
					final int ph0 = cols.plane0[x], ph1 = cols.plane1[x], oh0 = cols.offset0[x], oh1 = cols.offset1[x];
					final double a = hu[pv0 + ph0][ov0 + oh0], b = hu[pv0 + ph1][ov0 + oh1], c = hu[pv1 + ph0][ov1 + oh0], d = hu[pv1 + ph1][ov1 + oh1];
					final double g = (a * (1 - th) + b * th) * (1 - tv) + (c * (1 - th) + d * th) * tv;
					final int grey = (int) Math.max(0, Math.min(255, Math.round((g - WINDOW_LOW) / (WINDOW_HIGH - WINDOW_LOW) * 255)));
					px[o] = grey << 16 | grey << 8 | grey;
					if (mask != null)
						lab[y * PANEL + x] = mask[fixedPlane + rows.nearestPlane[y] + cols.nearestPlane[x]][fixedOffset + rows.nearestOffset[y] + cols.nearestOffset[x]] & 0xff;
				}
			}
			if (mask != null)
				for (int y = 0; y < PANEL; y++)
					for (int x = 0; x < PANEL; x++) {
						final int l = lab[y * PANEL + x];
						if (l <= 0) continue;
						// outline: a labelled pixel with a differently labelled 4-neighbour
						final boolean edge = x == 0 || y == 0 || x == PANEL - 1 || y == PANEL - 1 || lab[y * PANEL + x - 1] != l || lab[y * PANEL + x + 1] != l
							|| lab[(y - 1) * PANEL + x] != l || lab[(y + 1) * PANEL + x] != l;
						if (edge) px[(y0 + y) * stride + x0 + x] = LABEL_COLOURS[(l - 1) % LABEL_COLOURS.length];
					}
			final double mmFixed = geo.toPhysical(new double[] { f == 0 ? centre[0] : 0, f == 1 ? centre[1] : 0, f == 2 ? centre[2] : 0 })[f];
			Font.draw(px, stride, x0 + MARGIN, y0 + MARGIN, name + " " + "XYZ".charAt(f) + "=" + centre[f], TEXT);
			Font.draw(px, stride, x0 + MARGIN, y0 + MARGIN + 18, "(" + Decimals.fixed(mmFixed, 1) + " MM)", TEXT);
			// edge letters: the LPS direction the picture runs to at each edge
			final double[] right = scaled(ah, flipH ? -1 : 1), down = scaled(av, flipV ? -1 : 1);
			Font.draw(px, stride, x0 + PANEL - MARGIN - 10, y0 + PANEL / 2 - 7, letter(right), TEXT);
			Font.draw(px, stride, x0 + MARGIN, y0 + PANEL / 2 - 7, letter(scaled(right, -1)), TEXT);
			Font.draw(px, stride, x0 + PANEL / 2 - 5, y0 + PANEL - MARGIN - 14, letter(down), TEXT);
			Font.draw(px, stride, x0 + PANEL / 2 - 5, y0 + MARGIN + 38, letter(scaled(down, -1)), TEXT);
			scaleBar(px, x0, y0, ppm);
		}

		/** Plane index contributed by coordinate c along axis a (z picks the plane). */
		int planeOf(final int a, final int c) {
			return a == 2 ? c : 0;
		}

		/** Offset within a plane contributed by coordinate c along axis a. */
		int offsetOf(final int a, final int c) {
			return a == 0 ? c : a == 1 ? c * n[0] : 0;
		}

		/**
		 * One panel axis (image axis a, along the panel's columns or rows): per panel pixel, whether it falls inside the
		 * volume, the two samples of the bilinear interpolation with the weight of the second, and the nearest sample
		 * (for the mask), each as a plane index and an offset within the plane.
		 */
		final class Axis {
			final boolean[] inside = new boolean[PANEL];
			final double[] t = new double[PANEL];
			final int[] plane0 = new int[PANEL], plane1 = new int[PANEL], offset0 = new int[PANEL], offset1 = new int[PANEL];
			final int[] nearestPlane = new int[PANEL], nearestOffset = new int[PANEL];

			Axis(final int a, final boolean flip) {
				for (int k = 0; k < PANEL; k++) {
					// pixel centre -> continuous index along a (mm from the lung centre / spacing)
					double i = (k + 0.5 - PANEL / 2.0) / ppm / spacing[a];
					if (flip) i = -i;
					i += centre[a];
					inside[k] = !(i < -0.5 || i > n[a] - 0.5);
					final int i0 = (int) Math.max(0, Math.min(n[a] - 1, Math.floor(i))), i1 = Math.min(n[a] - 1, i0 + 1);
					t[k] = Math.max(0, Math.min(1, i - i0));
					plane0[k] = planeOf(a, i0);
					plane1[k] = planeOf(a, i1);
					offset0[k] = offsetOf(a, i0);
					offset1[k] = offsetOf(a, i1);
					final int near = (int) Math.max(0, Math.min(n[a] - 1, Math.round(i)));
					nearestPlane[k] = planeOf(a, near);
					nearestOffset[k] = offsetOf(a, near);
				}
			}
		}
	}

	private static double[] scaled(final double[] a, final double s) { return new double[] { a[0] * s, a[1] * s, a[2] * s }; }

	/** LPS letter of the dominant component of a direction (L/R, P/A, S/I). */
	static String letter(final double[] d) {
		int best = 0;
		for (int k = 1; k < 3; k++)
			if (Math.abs(d[k]) > Math.abs(d[best])) best = k;
		final String pos = "LPS", neg = "RAI";
		return String.valueOf(d[best] >= 0 ? pos.charAt(best) : neg.charAt(best));
	}

	/** A 5×7 bitmap font drawn at twice its size, with a dark shadow for contrast. */
	static final class Font {
		private static final int SCALE = 2;
		private static final Map<Character, String[]> GLYPHS = new HashMap<>();

		static {
			final String[] defs = {
				"A .###. #...# #...# ##### #...# #...# #...#", "B ####. #...# #...# ####. #...# #...# ####.",
				"C .###. #...# #.... #.... #.... #...# .###.", "D ####. #...# #...# #...# #...# #...# ####.",
				"E ##### #.... #.... ####. #.... #.... #####", "F ##### #.... #.... ####. #.... #.... #....",
				"G .###. #...# #.... #.### #...# #...# .###.", "H #...# #...# #...# ##### #...# #...# #...#",
				"I .###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.", "J ..### ...#. ...#. ...#. ...#. #..#. .##..",
				"K #...# #..#. #.#.. ##... #.#.. #..#. #...#", "L #.... #.... #.... #.... #.... #.... #####",
				"M #...# ##.## #.#.# #.#.# #...# #...# #...#", "N #...# ##..# #.#.# #..## #...# #...# #...#",
				"O .###. #...# #...# #...# #...# #...# .###.", "P ####. #...# #...# ####. #.... #.... #....",
				"Q .###. #...# #...# #...# #.#.# #..#. .##.#", "R ####. #...# #...# ####. #.#.. #..#. #...#",
				"S .#### #.... #.... .###. ....# ....# ####.", "T ##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
				"U #...# #...# #...# #...# #...# #...# .###.", "V #...# #...# #...# #...# #...# .#.#. ..#..",
				"W #...# #...# #...# #.#.# #.#.# #.#.# .#.#.", "X #...# #...# .#.#. ..#.. .#.#. #...# #...#",
				"Y #...# #...# .#.#. ..#.. ..#.. ..#.. ..#..", "Z ##### ....# ...#. ..#.. .#... #.... #####",
				"0 .###. #...# #..## #.#.# ##..# #...# .###.", "1 ..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
				"2 .###. #...# ....# ...#. ..#.. .#... #####", "3 ####. ....# ....# .###. ....# ....# ####.",
				"4 ...#. ..##. .#.#. #..#. ##### ...#. ...#.", "5 ##### #.... ####. ....# ....# #...# .###.",
				"6 .###. #.... #.... ####. #...# #...# .###.", "7 ##### ....# ...#. ..#.. .#... .#... .#...",
				"8 .###. #...# #...# .###. #...# #...# .###.", "9 .###. #...# #...# .#### ....# ....# .###.",
				"= ..... ..... ##### ..... ##### ..... .....", ". ..... ..... ..... ..... ..... .##.. .##..",
				"- ..... ..... ..... ##### ..... ..... .....", "( ...#. ..#.. .#... .#... .#... ..#.. ...#.",
				") .#... ..#.. ...#. ...#. ...#. ..#.. .#...", "+ ..... ..#.. ..#.. ##### ..#.. ..#.. .....",
				", ..... ..... ..... ..... .##.. ..#.. .#...", ": ..... .##.. .##.. ..... .##.. .##.. .....",
				"/ ....# ...#. ...#. ..#.. .#... .#... #...." };
			for (final String d : defs) GLYPHS.put(d.charAt(0), d.substring(2).split(" "));
		}

		private Font() { }

		static int width(final String s) { return s.length() * 6 * SCALE; }

		/** Draws upper-case text with its top-left corner at (x, y) into an RGB array of the given width. */
		static void draw(final int[] px, final int stride, final int x, final int y, final String text, final int rgb) {
			final int height = px.length / stride;
			for (final int pass : new int[] { 0, 1 }) {
				// pass 0: a shadow one pixel down-right; pass 1: the text
				final int off = pass == 0 ? 1 : 0, colour = pass == 0 ? 0 : rgb;
				for (int i = 0; i < text.length(); i++) {
					final String[] g = GLYPHS.get(Character.toUpperCase(text.charAt(i)));
					if (g == null) continue;
					for (int r = 0; r < 7; r++)
						for (int c = 0; c < 5; c++) {
							if (g[r].charAt(c) != '#') continue;
							for (int sy = 0; sy < SCALE; sy++)
								for (int sx = 0; sx < SCALE; sx++) {
									final int xx = x + (i * 6 + c) * SCALE + sx + off, yy = y + r * SCALE + sy + off;
									if (xx >= 0 && yy >= 0 && xx < stride && yy < height) px[yy * stride + xx] = colour;
								}
						}
				}
			}
		}
	}
}

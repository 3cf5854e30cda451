package org.lungprep.io.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.lungprep.core.Geometry;

/**
 * Orders the slices of a series along the slice normal and checks the result: spacing from the positions (never
 * from SliceThickness, never by InstanceNumber or file name), uneven spacing, missing slices, duplicate positions and
 * gantry tilt, each reported as a warning.
 */
final class SeriesGeometry {

	/** Positions closer than this along the normal (mm) are the same position. */
	static final double SAME_POSITION_MM = 0.01;

	final List<SliceHeader> sorted;
	final Geometry geometry;
	final List<String> warnings;
	final double tiltDegrees;
	final double[] steps;

	private SeriesGeometry(final List<SliceHeader> sorted, final Geometry geometry, final List<String> warnings, final double tiltDegrees,
		final double[] steps)
	{
		this.sorted = sorted;
		this.geometry = geometry;
		this.warnings = warnings;
		this.tiltDegrees = tiltDegrees;
		this.steps = steps;
	}

	static SeriesGeometry of(final List<SliceHeader> slices) {
		final List<String> warnings = new ArrayList<>();
		final SliceHeader first = slices.get(0);
		double[] iop = first.orientation;
		if (iop == null) {
			iop = new double[] { 1, 0, 0, 0, 1, 0 };
			warnings.add("no ImageOrientationPatient: assuming axial slices");
		}
		final double[] row = unit(Arrays.copyOfRange(iop, 0, 3)), col = unit(Arrays.copyOfRange(iop, 3, 6));
		final double[] normal = unit(cross(row, col));
		for (final SliceHeader s : slices)
			if (s.orientation != null && !close(s.orientation, iop, 1e-4)) {
				warnings.add("slice orientation differs between slices (e.g. " + s.name() + "); the first slice's orientation is used");
				break;
			}
		boolean missingPositions = false;
		final List<SliceHeader> work = new ArrayList<>(slices);
		final double[] along = new double[work.size()];
		for (final SliceHeader s : work)
			if (s.position == null) missingPositions = true;
		if (missingPositions) warnings.add("ImagePositionPatient missing: slices ordered by InstanceNumber and spaced by SliceThickness");
		// written out rather than built with Comparator.comparing...(): the JDK's own lambdas behind those are generated
		// as classes at run time in every process, where this one comes from the class-data archive
		final boolean byPosition = !missingPositions;
		final Comparator<SliceHeader> order = (a, b) -> {
			int c = byPosition ? Double.compare(dot(a.position, normal), dot(b.position, normal)) : 0;
			if (c == 0) c = Integer.compare(a.instanceNumber, b.instanceNumber);
			return c != 0 ? c : Integer.compare(a.frame, b.frame);
		};
		work.sort(order);
		// duplicates: same position along the normal
		final List<SliceHeader> kept = new ArrayList<>();
		final List<String> dupes = new ArrayList<>();
		for (final SliceHeader s : work) {
			if (!missingPositions && !kept.isEmpty()
				&& Math.abs(dot(s.position, normal) - dot(kept.get(kept.size() - 1).position, normal)) < SAME_POSITION_MM)
			{
				dupes.add(s.name());
				continue;
			}
			kept.add(s);
		}
		if (!dupes.isEmpty()) warnings.add(dupes.size() + " slice(s) at an already used position were left out: " + abbreviate(dupes));
		final int n = kept.size();
		for (int i = 0; i < n; i++)
			along[i] = missingPositions ? i * thickness(first) : dot(kept.get(i).position, normal);
		final double[] steps = new double[Math.max(0, n - 1)];
		for (int i = 1; i < n; i++)
			steps[i - 1] = along[i] - along[i - 1];
		double step;
		if (n == 1) {
			step = thickness(first);
			warnings.add(String.format(Locale.ROOT, "single slice: z spacing %.4g mm taken from SliceThickness", step));
		}
		else step = median(steps);
		if (!(step > 0)) step = 1;
		checkSpacing(kept, along, steps, step, warnings);
		double tilt = 0;
		if (!missingPositions && n > 1) {
			final double[] d = sub(kept.get(n - 1).position, kept.get(0).position);
			final double a = dot(d, normal);
			final double perp = Math.sqrt(Math.max(0, dot(d, d) - a * a));
			tilt = Math.toDegrees(Math.atan2(perp, Math.abs(a)));
			if (tilt > 0.05) warnings.add(String.format(Locale.ROOT,
				"gantry tilt %.2f degrees: slice positions move within the slice plane, so the stack is sheared; geometry kept orthogonal along the slice normal, "
					+ "positions in the volume are off by up to %.1f mm at the ends",
				tilt, perp));
		}
		else if (first.gantryTilt != 0) warnings.add(String.format(Locale.ROOT, "GantryDetectorTilt %.2f degrees", first.gantryTilt));
		final double[] origin = missingPositions || kept.get(0).position == null ? new double[3] : kept.get(0).position.clone();
		double sx = 1, sy = 1;
		if (first.pixelSpacing != null && first.pixelSpacing[0] > 0 && first.pixelSpacing[1] > 0) {
			sy = first.pixelSpacing[0];
			sx = first.pixelSpacing[1];
		}
		else warnings.add("no PixelSpacing: assuming 1 mm pixels");
		final double[] dir = {
			row[0], col[0], normal[0],
			row[1], col[1], normal[1],
			row[2], col[2], normal[2] };
		final Geometry g = new Geometry(new double[] { sx, sy, step }, origin, dir);
		return new SeriesGeometry(kept, g, warnings, tilt, steps);
	}

	private static void checkSpacing(final List<SliceHeader> kept, final double[] along, final double[] steps, final double step,
		final List<String> warnings)
	{
		if (steps.length == 0) return;
		final double tol = Math.max(0.01 * step, 1e-3);
		final List<String> gaps = new ArrayList<>();
		int missing = 0;
		boolean uneven = false;
		double min = Double.MAX_VALUE, max = 0;
		for (int i = 0; i < steps.length; i++) {
			min = Math.min(min, steps[i]);
			max = Math.max(max, steps[i]);
			if (Math.abs(steps[i] - step) <= tol) continue;
			final double k = steps[i] / step;
			final long kr = Math.round(k);
			if (kr >= 2 && Math.abs(k - kr) < 0.1) {
				missing += kr - 1;
				gaps.add(String.format(Locale.ROOT, "%d between z=%.2f and z=%.2f mm", kr - 1, along[i], along[i + 1]));
			}
			else uneven = true;
		}
		if (missing > 0) warnings.add(String.format(Locale.ROOT, "%d missing slice(s) (gaps that are multiples of the %.4g mm step): %s", missing, step,
			String.join("; ", gaps)));
		if (uneven) warnings.add(String.format(Locale.ROOT, "uneven slice spacing: steps from %.4g to %.4g mm (median %.4g mm used as spacing)", min, max, step));
	}

	private static double thickness(final SliceHeader s) {
		return s.sliceThickness > 0 ? s.sliceThickness : 1;
	}

	static double median(final double[] v) {
		final double[] c = v.clone();
		Arrays.sort(c);
		final int n = c.length;
		return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
	}

	private static String abbreviate(final List<String> names) {
		return names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
	}

	static double dot(final double[] a, final double[] b) {
		return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
	}

	static double[] cross(final double[] a, final double[] b) {
		return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
	}

	static double[] sub(final double[] a, final double[] b) {
		return new double[] { a[0] - b[0], a[1] - b[1], a[2] - b[2] };
	}

	static double[] unit(final double[] a) {
		final double n = Math.sqrt(dot(a, a));
		return n == 0 ? a : new double[] { a[0] / n, a[1] / n, a[2] / n };
	}

	private static boolean close(final double[] a, final double[] b, final double tol) {
		if (a.length < 6 || b.length < 6) return false;
		for (int i = 0; i < 6; i++)
			if (Math.abs(a[i] - b[i]) > tol) return false;
		return true;
	}
}

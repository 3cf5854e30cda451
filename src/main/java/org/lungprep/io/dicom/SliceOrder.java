package org.lungprep.io.dicom;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.lungprep.core.Geometry;

/**
 * The series geometry of slices that arrive without files, e.g. an ImageJ stack whose slice labels hold the DICOM
 * headers: the same ordering along the slice normal, spacing from the positions and the same checks (uneven spacing,
 * missing and duplicate slices, tilt) as for a scanned series.
 */
public final class SliceOrder {

	private final int[] order;
	private final Geometry geometry;
	private final List<String> warnings;

	private SliceOrder(final int[] order, final Geometry geometry, final List<String> warnings) {
		this.order = order;
		this.geometry = geometry;
		this.warnings = warnings;
	}

	/**
	 * @param positions ImagePositionPatient of every slice, in the given (stack) order
	 * @param orientation ImageOrientationPatient (6 values) of the slices
	 * @param pixelSpacing PixelSpacing (row spacing, column spacing)
	 * @param instanceNumbers InstanceNumber of every slice (ties), or null
	 * @param rows Rows
	 * @param columns Columns
	 * @return the slices' order along the normal (indices into the given order), geometry and warnings
	 */
	public static SliceOrder of(final double[][] positions, final double[] orientation, final double[] pixelSpacing, final int[] instanceNumbers,
		final int rows, final int columns)
	{
		if (positions.length == 0) throw new IllegalArgumentException("no slices");
		final List<SliceHeader> slices = new ArrayList<>();
		for (int i = 0; i < positions.length; i++)
			slices.add(new SliceHeader(Paths.get("slice " + (i + 1)), i, 1, "", "", "", "", "", "CT", "", instanceNumbers == null ? i : instanceNumbers[i], rows,
				columns, 16, 16, 15, true, 1, "MONOCHROME2", positions[i], orientation, pixelSpacing, Double.NaN, 0, 1, 0, null, null));
		final SeriesGeometry g = SeriesGeometry.of(slices);
		final int[] order = new int[g.sorted.size()];
		for (int k = 0; k < order.length; k++)
			order[k] = g.sorted.get(k).frame;
		return new SliceOrder(order, g.geometry, Collections.unmodifiableList(new ArrayList<>(g.warnings)));
	}

	/** @return for each output slice, the index of the input slice (duplicates left out) */
	public int[] order() { return order.clone(); }

	/** @return whether the input was already in this order */
	public boolean wasOrdered() {
		if (order.length == 0) return true;
		for (int k = 0; k < order.length; k++)
			if (order[k] != order[0] + k) return false;
		return true;
	}

	/** @return the geometry of the ordered slices */
	public Geometry geometry() { return geometry; }

	/** @return the checks' warnings */
	public List<String> warnings() { return warnings; }
}

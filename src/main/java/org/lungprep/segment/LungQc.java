package org.lungprep.segment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Quality measures of a lung mask, with warnings when they look wrong. */
public final class LungQc {

	/** Plausible total lung volume of an adult chest CT, mL. */
	public static final double MIN_ML = 1500, MAX_ML = 9000;

	private final double totalMl, rightMl, leftMl;
	private final int components;
	private final boolean touchesBorder, labelled;
	private final int firstSlice, lastSlice;
	private final List<String> warnings;

	LungQc(final double rightMl, final double leftMl, final double totalMl, final int components, final boolean touchesBorder, final int firstSlice,
		final int lastSlice, final boolean labelled)
	{
		this.totalMl = totalMl;
		this.rightMl = rightMl;
		this.leftMl = leftMl;
		this.components = components;
		this.touchesBorder = touchesBorder;
		this.firstSlice = firstSlice;
		this.lastSlice = lastSlice;
		this.labelled = labelled;
		final List<String> w = new ArrayList<>();
		if (totalMl < MIN_ML || totalMl > MAX_ML)
			w.add(String.format(Locale.ROOT, "lung volume %.0f mL is outside the plausible %.0f-%.0f mL (partial scan, or the segmentation failed)", totalMl, MIN_ML, MAX_ML));
		if (totalMl <= 0) w.add("no lung found: the mask is empty");
		else if (labelled && (rightMl <= 0 || leftMl <= 0)) w.add("only one lung found (" + (rightMl <= 0 ? "right" : "left") + " lung missing)");
		if (touchesBorder) w.add("the lung mask touches the lateral edge of the image (tight field of view: lung may be cut off)");
		this.warnings = Collections.unmodifiableList(w);
	}

	/** @return total lung volume, mL */
	public double totalMl() { return totalMl; }
	/** @return right lung volume (label 1), mL; 0 when lungs are not labelled */
	public double rightMl() { return rightMl; }
	/** @return left lung volume (label 2), mL; 0 when lungs are not labelled */
	public double leftMl() { return leftMl; }
	/** @return whether the mask tells the right lung (label 1) from the left (2); the tutorial's method does not */
	public boolean labelled() { return labelled; }
	/** @return the number of connected components kept in the mask */
	public int components() { return components; }
	/** @return whether the mask touches the volume's lateral (x or y) border */
	public boolean touchesBorder() { return touchesBorder; }
	/** @return first z index with lung, -1 when empty */
	public int firstSlice() { return firstSlice; }
	/** @return last z index with lung, -1 when empty */
	public int lastSlice() { return lastSlice; }
	/** @return warnings (implausible volume, missing lung, border contact) */
	public List<String> warnings() { return warnings; }

	/** @return a JSON-ready map */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("total_ml", round(totalMl));
		// null, not 0, when the method does not tell the lungs apart: a 0 would read as a missing lung
		m.put("right_ml", labelled ? round(rightMl) : null);
		m.put("left_ml", labelled ? round(leftMl) : null);
		m.put("components", components);
		m.put("touches_lateral_border", touchesBorder);
		m.put("slice_range_z", new int[] { firstSlice, lastSlice });
		m.put("warnings", warnings);
		return m;
	}

	private static double round(final double v) {
		return Math.round(v * 10) / 10.0;
	}
}

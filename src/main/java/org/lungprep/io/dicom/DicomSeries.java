package org.lungprep.io.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One series found by {@link DicomScanner}: its slices' headers (not their pixels), its identity and its geometry as
 * far as the headers tell.
 */
public final class DicomSeries {

	private final String key;
	private final List<SliceHeader> slices;
	private SeriesGeometry geometry;

	DicomSeries(final String key, final List<SliceHeader> slices) {
		this.key = key;
		this.slices = Collections.unmodifiableList(new ArrayList<>(slices));
	}

	List<SliceHeader> slices() { return slices; }

	synchronized SeriesGeometry geometry() {
		if (geometry == null) geometry = SeriesGeometry.of(slices);
		return geometry;
	}

	/**
	 * @return the size (x, y, z) of the volume read from this series: slices at an already used position are left out,
	 *         so z can be less than {@link #sliceCount()}
	 */
	public long[] volumeDimensions() { return new long[] { columns(), rows(), geometry().sorted.size() }; }

	/** @return the geometry of the volume read from this series (spacing from the sorted slices' positions) */
	public org.lungprep.core.Geometry volumeGeometry() { return geometry().geometry; }

	/** @return an identifier used to tell series apart (the UID, or a synthetic key when the UID is empty) */
	public String key() { return key; }

	/** @return the SeriesInstanceUID, "" when the files have none */
	public String uid() { return slices.get(0).seriesUid; }

	/** @return the SeriesNumber as written, "" when absent */
	public String seriesNumber() { return slices.get(0).seriesNumber; }

	/** @return the SeriesDescription */
	public String description() { return slices.get(0).description; }

	/** @return the Modality */
	public String modality() { return slices.get(0).modality; }

	/** @return the PatientID */
	public String patientId() { return slices.get(0).patientId; }

	/** @return the number of slices (frames of multi-frame files count one each) */
	public int sliceCount() { return slices.size(); }

	/** @return Rows */
	public int rows() { return slices.get(0).rows; }

	/** @return Columns */
	public int columns() { return slices.get(0).columns; }

	/** @return the transfer syntax UIDs of the files */
	public Set<String> transferSyntaxes() {
		final Set<String> s = new LinkedHashSet<>();
		for (final SliceHeader h : slices)
			s.add(h.transferSyntax);
		return s;
	}

	/** @return the files (each once, in scan order) */
	public List<Path> files() {
		final Set<Path> s = new LinkedHashSet<>();
		for (final SliceHeader h : slices)
			s.add(h.file);
		return new ArrayList<>(s);
	}

	/** @return the warnings the headers already show (spacing, missing or duplicate slices, tilt) */
	public List<String> warnings() {
		return geometry().warnings;
	}

	/** @return a JSON-ready description, for {@code info}; shapes and spacings in (z, y, x) */
	public Map<String, Object> summary() {
		final SeriesGeometry g = geometry();
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("series_uid", uid());
		m.put("series_number", seriesNumber());
		m.put("description", description());
		m.put("modality", modality());
		m.put("patient_id", patientId());
		m.put("slices", g.sorted.size());
		m.put("files", files().size());
		m.put("shape_zyx", new long[] { g.sorted.size(), rows(), columns() });
		m.put("spacing_zyx", new double[] { g.geometry.spacing(2), g.geometry.spacing(1), g.geometry.spacing(0) });
		m.put("origin_lps", g.geometry.origin());
		final double[] d = g.geometry.direction();
		m.put("orientation", new double[] { d[0], d[3], d[6], d[1], d[4], d[7] });
		final List<String> ts = new ArrayList<>();
		for (final String uid : transferSyntaxes())
			ts.add(TransferSyntax.describe(uid));
		m.put("transfer_syntaxes", ts);
		m.put("gantry_tilt_degrees", Math.round(g.tiltDegrees * 100) / 100.0);
		m.put("warnings", g.warnings);
		return m;
	}

	@Override
	public String toString() {
		return "series " + (uid().isEmpty() ? key : uid()) + " (" + sliceCount() + " slices, " + columns() + "x" + rows() + ")";
	}
}

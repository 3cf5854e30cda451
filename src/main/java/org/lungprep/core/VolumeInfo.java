package org.lungprep.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a volume came from and what was noticed on the way: source, series UID, patient ID,
 * modality, description, warnings, and free-form extra facts (transfer syntaxes, tilt angle, …).
 * Immutable; the {@code with…} methods return changed copies.
 */
public final class VolumeInfo {

	/** Info with nothing known. */
	public static final VolumeInfo EMPTY = new VolumeInfo("", "", "", "", "", List.of(), Map.of());

	private final String source;
	private final String seriesUid;
	private final String patientId;
	private final String modality;
	private final String description;
	private final List<String> warnings;
	private final Map<String, String> extra;

	/**
	 * @param source where the volume was read from (path) or how it was made
	 * @param seriesUid SeriesInstanceUID, or "" when unknown
	 * @param patientId PatientID, or ""
	 * @param modality e.g. "CT", or ""
	 * @param description SeriesDescription, or ""
	 * @param warnings problems found while reading or processing, each one line
	 * @param extra further facts as ordered key/value pairs
	 */
	public VolumeInfo(final String source, final String seriesUid, final String patientId, final String modality,
		final String description, final List<String> warnings, final Map<String, String> extra)
	{
		this.source = Objects.requireNonNullElse(source, "");
		this.seriesUid = Objects.requireNonNullElse(seriesUid, "");
		this.patientId = Objects.requireNonNullElse(patientId, "");
		this.modality = Objects.requireNonNullElse(modality, "");
		this.description = Objects.requireNonNullElse(description, "");
		this.warnings = List.copyOf(warnings);
		this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
	}

	/** @return info with only a source */
	public static VolumeInfo ofSource(final String source) {
		return EMPTY.withSource(source);
	}

	public String source() { return source; }
	public String seriesUid() { return seriesUid; }
	public String patientId() { return patientId; }
	public String modality() { return modality; }
	public String description() { return description; }
	/** @return the warnings, oldest first (unmodifiable) */
	public List<String> warnings() { return warnings; }
	/** @return further facts, in insertion order (unmodifiable) */
	public Map<String, String> extra() { return extra; }

	public VolumeInfo withSource(final String s) { return new VolumeInfo(s, seriesUid, patientId, modality, description, warnings, extra); }
	public VolumeInfo withSeriesUid(final String s) { return new VolumeInfo(source, s, patientId, modality, description, warnings, extra); }
	public VolumeInfo withPatientId(final String s) { return new VolumeInfo(source, seriesUid, s, modality, description, warnings, extra); }
	public VolumeInfo withModality(final String s) { return new VolumeInfo(source, seriesUid, patientId, s, description, warnings, extra); }
	public VolumeInfo withDescription(final String s) { return new VolumeInfo(source, seriesUid, patientId, modality, s, warnings, extra); }

	/** @return a copy with {@code warning} appended */
	public VolumeInfo withWarning(final String warning) {
		final List<String> w = new ArrayList<>(warnings);
		w.add(warning);
		return new VolumeInfo(source, seriesUid, patientId, modality, description, w, extra);
	}

	/** @return a copy with all {@code more} warnings appended */
	public VolumeInfo withWarnings(final List<String> more) {
		final List<String> w = new ArrayList<>(warnings);
		w.addAll(more);
		return new VolumeInfo(source, seriesUid, patientId, modality, description, w, extra);
	}

	/** @return a copy with {@code key} set to {@code value} */
	public VolumeInfo withExtra(final String key, final String value) {
		final Map<String, String> e = new LinkedHashMap<>(extra);
		e.put(key, value);
		return new VolumeInfo(source, seriesUid, patientId, modality, description, warnings, e);
	}

	@Override
	public String toString() {
		return "VolumeInfo[source=" + source + ", series=" + seriesUid + ", patient=" + patientId + ", modality=" + modality + ", warnings=" + warnings + "]";
	}
}

package org.lungprep.pipeline;

import org.lungprep.hu.HuOptions;
import org.lungprep.io.dicom.DicomReadOptions;

/** How to load a CT: which series, folder recursion, DICOM geometry options and Hounsfield options. Immutable. */
public final class LoadOptions {

	/** The most-slices series, no recursion, no geometry correction, padding to -1024 HU. */
	public static final LoadOptions DEFAULT = new LoadOptions(null, false, DicomReadOptions.DEFAULT, HuOptions.DEFAULT);

	private final String series;
	private final boolean recursive;
	private final DicomReadOptions dicom;
	private final HuOptions hu;

	private LoadOptions(final String series, final boolean recursive, final DicomReadOptions dicom, final HuOptions hu) {
		this.series = series;
		this.recursive = recursive;
		this.dicom = dicom;
		this.hu = hu;
	}

	/** @return the series to load (UID or SeriesNumber), or null for the one with the most slices */
	public String series() { return series; }

	/** @return whether sub-folders are scanned too */
	public boolean recursive() { return recursive; }

	/** @return DICOM geometry options (tilt correction, regular grid) */
	public DicomReadOptions dicom() { return dicom; }

	/** @return Hounsfield conversion options */
	public HuOptions hu() { return hu; }

	/** @param uidOrNumber a SeriesInstanceUID or SeriesNumber, or null for the series with the most slices */
	public LoadOptions withSeries(final String uidOrNumber) {
		return new LoadOptions(uidOrNumber == null || uidOrNumber.trim().isEmpty() ? null : uidOrNumber.trim(), recursive, dicom, hu);
	}

	/** @param r whether to scan sub-folders */
	public LoadOptions withRecursive(final boolean r) { return new LoadOptions(series, r, dicom, hu); }

	/** @param d DICOM geometry options */
	public LoadOptions withDicom(final DicomReadOptions d) { return new LoadOptions(series, recursive, d, hu); }

	/** @param h Hounsfield options */
	public LoadOptions withHu(final HuOptions h) { return new LoadOptions(series, recursive, dicom, h); }
}

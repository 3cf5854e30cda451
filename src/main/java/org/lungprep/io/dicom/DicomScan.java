package org.lungprep.io.dicom;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.lungprep.core.VolumeIOException;

/** The result of scanning a folder: the image series found, and a note for every file that was skipped. */
public final class DicomScan {

	private final Path root;
	private final List<DicomSeries> series;
	private final List<String> notes;

	DicomScan(final Path root, final List<DicomSeries> series, final List<String> notes) {
		this.root = root;
		this.series = Collections.unmodifiableList(series);
		this.notes = Collections.unmodifiableList(notes);
	}

	/** @return the series, most slices first */
	public List<DicomSeries> series() { return series; }

	/** @return one line per skipped file: the file and why (not DICOM, not an image, unreadable) */
	public List<String> notes() { return notes; }

	/**
	 * @param uidOrNumber a SeriesInstanceUID or a SeriesNumber, or null for the series with the most slices
	 * @return the chosen series
	 * @throws VolumeIOException when there is no image series, or none matches
	 */
	public DicomSeries select(final String uidOrNumber) throws VolumeIOException {
		if (series.isEmpty()) {
			final String why = notes.isEmpty() ? "the folder is empty" : notes.size() + " file(s) skipped, e.g. " + notes.get(0);
			throw new VolumeIOException(root, "no DICOM image series found (" + why + ")");
		}
		if (uidOrNumber == null || uidOrNumber.trim().isEmpty()) return series.get(0);
		final String want = uidOrNumber.trim();
		for (final DicomSeries s : series)
			if (s.uid().equals(want) || s.key().equals(want)) return s;
		for (final DicomSeries s : series)
			if (s.seriesNumber().equals(want)) return s;
		final StringBuilder known = new StringBuilder();
		for (final DicomSeries s : series)
			known.append(known.length() == 0 ? "" : ", ").append(s.uid().isEmpty() ? s.key() : s.uid()).append(" (number ").append(s.seriesNumber()).append(')');
		throw new VolumeIOException(root, "no series '" + want + "' here; found " + known);
	}
}

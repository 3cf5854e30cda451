package org.lungprep.io.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.lungprep.core.Parallel;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.VolumeIOException;


/**
 * Finds the DICOM image series of a folder (or of one file), reading headers only. Files are recognised by content,
 * never by extension; files that are not DICOM, not images (DICOMDIR, SR, RT, ...) or unreadable are skipped with a
 * note. Series are grouped by SeriesInstanceUID and, when files have no UID, by orientation, image size and pixel
 * spacing.
 */
public final class DicomScanner {

	private DicomScanner() { }

	/**
	 * @param path a folder, or one file
	 * @param recursive whether sub-folders are scanned too
	 * @param progress progress and cancellation
	 * @return the series (most slices first) and notes
	 * @throws IOException when the folder cannot be listed
	 */
	public static DicomScan scan(final Path path, final boolean recursive, final ProgressListener progress) throws IOException {
		if (!Files.exists(path)) throw new VolumeIOException(path, "no such file or folder");
		final List<Path> files = new ArrayList<>();
		if (Files.isDirectory(path)) {
			try (Stream<Path> s = recursive ? Files.walk(path) : Files.list(path)) {
				files.addAll(s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().collect(Collectors.toList()));
			}
		}
		else files.add(path);
		final Object[] results = new Object[files.size()];
		final int[] done = { 0 };
		Parallel.forEach(files.size(), i -> {
			final Path f = files.get(i);
			try {
				final DicomFile d = DicomParser.parse(f, true);
				final String reason = Headers.nonImageReason(d);
				results[i] = reason != null ? f + ": skipped, " + reason : Headers.slices(d);
			}
			catch (final VolumeIOException e) {
				results[i] = e.getMessage();
			}
			synchronized (done) {
				progress.progress("scanning", ++done[0] / (double) files.size());
			}
		});
		progress.checkCancelled();
		final List<String> notes = new ArrayList<>();
		final Map<String, List<SliceHeader>> groups = new LinkedHashMap<>();
		for (final Object r : results) {
			if (r instanceof String) notes.add((String) r);
			else for (final Object o : (List<?>) r) {
				final SliceHeader h = (SliceHeader) o;
				groups.computeIfAbsent(key(h), k -> new ArrayList<>()).add(h);
			}
		}
		final List<DicomSeries> series = new ArrayList<>();
		int unnamed = 0;
		for (final Map.Entry<String, List<SliceHeader>> e : groups.entrySet()) {
			final String key = e.getKey().startsWith("|") ? "unnamed-" + ++unnamed : e.getKey().split("\\|")[0];
			series.add(new DicomSeries(key, e.getValue()));
		}
		// Same UID with different image sizes or orientations (e.g. a localizer in the series): keep the keys apart.
		final Map<String, Integer> uses = new LinkedHashMap<>();
		for (final DicomSeries s : series)
			uses.merge(s.key(), 1, Integer::sum);
		final List<DicomSeries> renamed = new ArrayList<>();
		final Map<String, Integer> seen = new LinkedHashMap<>();
		for (final DicomSeries s : series) {
			if (uses.get(s.key()) > 1) {
				final int k = seen.merge(s.key(), 1, Integer::sum);
				renamed.add(new DicomSeries(s.key() + "#" + k, s.slices()));
			}
			else renamed.add(s);
		}
		renamed.sort((a, b) -> Integer.compare(b.sliceCount(), a.sliceCount()));
		return new DicomScan(path, renamed, notes);
	}

	/** Grouping key: UID plus what must be shared to stack slices (size, orientation, spacing). */
	private static String key(final SliceHeader h) {
		final StringBuilder sb = new StringBuilder(h.seriesUid).append('|').append(h.rows).append('x').append(h.columns);
		// rounded to 1/1000 (orientation) and 1/10000 mm (spacing) as whole numbers: String.format here, once per
		// file, was most of a cold scan's time
		if (h.orientation != null) for (final double v : h.orientation)
			sb.append(',').append(Math.round(v * 1e3));
		if (h.seriesUid.isEmpty() && h.pixelSpacing != null) for (final double v : h.pixelSpacing)
			sb.append(';').append(Math.round(v * 1e4));
		return sb.toString();
	}
}

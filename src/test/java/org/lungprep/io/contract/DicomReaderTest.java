package org.lungprep.io.contract;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Files;

import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.io.AbstractVolumeReaderTest;
import org.lungprep.io.dicom.DicomWriter;
import org.lungprep.pipeline.CtLoader;
import org.lungprep.pipeline.LoadOptions;

import net.imglib2.type.numeric.integer.ShortType;

/** The DICOM path (scan, series, read, HU) meets the same cases; a single malformed file is scanned on its own. */
class DicomReaderTest extends AbstractVolumeReaderTest {
	@Override protected Volume<?> read(final Path file) throws IOException { return CtLoader.load(file, LoadOptions.DEFAULT, ProgressListener.NONE); }
	@Override protected Path write(final Volume<ShortType> v, final Path dir) throws IOException {
		final Path series = dir.resolve("series");
		DicomWriter.writeSeries(v, null, series, "CONTRACT", "reader contract");
		return series;
	}
	@Override protected String extension() { return ".dcm"; }
	/** Rows and Columns 65535 in one slice alone in its folder (its pixel data hold 12 x 9 values) */
	@Override protected Path claimHugeDimensions(final Path valid) throws IOException {
		final Path first;
		try (java.util.stream.Stream<Path> s = Files.list(valid)) {
			first = s.sorted().findFirst().orElseThrow();
		}
		final byte[] b = Files.readAllBytes(first);
		int patched = 0;
		for (int i = 0; i + 10 <= b.length; i++)
			// (0028,0010) Rows and (0028,0011) Columns, explicit VR "US", length 2
			if (b[i] == 0x28 && b[i + 1] == 0 && (b[i + 2] == 0x10 || b[i + 2] == 0x11) && b[i + 3] == 0 && b[i + 4] == 'U' && b[i + 5] == 'S') {
				b[i + 8] = (byte) 0xff;
				b[i + 9] = (byte) 0xff;
				patched++;
			}
		if (patched != 2) throw new IllegalStateException("Rows/Columns not found in " + first);
		final Path p = Files.createDirectories(valid.resolveSibling("huge")).resolve("huge.dcm");
		Files.write(p, b);
		return p;
	}
}

package org.lungprep.io.contract;

import java.io.IOException;
import java.nio.file.Path;

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
}

package org.lungprep.cli;

import org.lungprep.io.dicom.DicomReadOptions;
import org.lungprep.pipeline.LoadOptions;

import picocli.CommandLine.Option;

/** How to load the input, declared once for every command that loads a CT. */
final class LoadMixin {

	@Option(names = "--series", paramLabel = "UID|NUMBER", description = "Series to load when a folder holds several (default: the one with the most slices).")
	String series;

	@Option(names = "--recursive", description = "Also scan sub-folders of a DICOM folder.")
	boolean recursive;

	@Option(names = "--correct-tilt", description = "Resample a gantry-tilted series onto an orthogonal grid (the angle is always reported).")
	boolean correctTilt;

	@Option(names = "--regular-grid", description = "Resample unevenly spaced slices onto a regular grid at the median step (always reported).")
	boolean regularGrid;

	LoadOptions toLoadOptions() {
		return LoadOptions.DEFAULT.withSeries(series).withRecursive(recursive)
			.withDicom(DicomReadOptions.DEFAULT.withTiltCorrection(correctTilt).withRegularGrid(regularGrid));
	}
}

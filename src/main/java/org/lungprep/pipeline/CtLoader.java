package org.lungprep.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.hu.HounsfieldConverter;
import org.lungprep.io.dicom.DicomScan;
import org.lungprep.io.dicom.DicomScanner;
import org.lungprep.io.dicom.DicomSeries;
import org.lungprep.io.dicom.DicomSeriesReader;

import net.imglib2.type.numeric.integer.ShortType;

/**
 * Loads a CT input as a Hounsfield volume (int16, x/y/z, LPS geometry): a DICOM folder, or one file of a DICOM series
 * (its folder is scanned and that file's series is loaded).
 */
public final class CtLoader {

	private CtLoader() { }

	/**
	 * @param input a folder or a file
	 * @param options series choice and conversion options
	 * @param progress progress and cancellation
	 * @return the HU volume with geometry, source metadata and warnings
	 * @throws IOException with a message naming the file when the input cannot be loaded
	 */
	public static Volume<ShortType> load(final Path input, final LoadOptions options, final ProgressListener progress) throws IOException {
		if (!Files.exists(input)) throw new VolumeIOException(input, "no such file or folder");
		if (Files.isRegularFile(input)) {
			final String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
			if (name.endsWith(".mhd") || name.endsWith(".mha") || name.endsWith(".nii") || name.endsWith(".nii.gz"))
				throw new VolumeIOException(input, "MetaImage and NIfTI input are not supported by this version of LungPrep (DICOM only)");
		}
		final DicomSeries series = selectSeries(input, options, progress);
		// HU conversion fused into reading: each slice is converted while it is still in the CPU cache
		return DicomSeriesReader.readConverted(series, options.dicom(), HounsfieldConverter.sliceConverter(options.hu()), progress);
	}

	/**
	 * Scans a DICOM input and picks the series to load: the one holding the given file, else the one named in the
	 * options, else the one with the most slices.
	 */
	public static DicomSeries selectSeries(final Path input, final LoadOptions options, final ProgressListener progress) throws IOException {
		final boolean file = Files.isRegularFile(input);
		final Path folder = file ? input.toAbsolutePath().getParent() : input;
		final DicomScan scan = DicomScanner.scan(folder, options.recursive(), ProgressListener.NONE);
		if (file && options.series() == null) {
			final Path abs = input.toAbsolutePath().normalize();
			for (final DicomSeries s : scan.series())
				for (final Path f : s.files())
					if (f.toAbsolutePath().normalize().equals(abs)) return s;
			throw new VolumeIOException(input, "not a readable DICOM image of a series");
		}
		return scan.select(options.series());
	}
}

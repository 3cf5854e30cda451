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
import org.lungprep.io.metaimage.MetaImageIO;
import org.lungprep.io.nifti.NiftiIO;

import net.imglib2.type.numeric.integer.ShortType;

/**
 * Loads a CT input as a Hounsfield volume (int16, x/y/z, LPS geometry): a DICOM folder, one file of a DICOM series
 * (its folder is scanned and that file's series is loaded), a MetaImage ({@code .mhd}/{@code .mha}) or a NIfTI
 * ({@code .nii}/{@code .nii.gz}) file.
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
			if (name.endsWith(".mhd") || name.endsWith(".mha")) return toHu(MetaImageIO.read(input), input);
			if (name.endsWith(".nii") || name.endsWith(".nii.gz")) return toHu(NiftiIO.read(input), input);
		}
		return load(selectSeries(input, options, progress), options, progress);
	}

	/**
	 * @param series a DICOM series (from {@link #selectSeries})
	 * @param options conversion options
	 * @param progress progress and cancellation
	 * @return the series as a HU volume
	 * @throws IOException naming the file when a slice cannot be read
	 */
	public static Volume<ShortType> load(final DicomSeries series, final LoadOptions options, final ProgressListener progress) throws IOException {
		// HU conversion fused into reading: each slice is converted while it is still in the CPU cache
		return DicomSeriesReader.readConverted(series, options.dicom(), HounsfieldConverter.sliceConverter(options.hu()), progress);
	}

	/** @return whether the input is read as DICOM: a folder, or a file that is not MetaImage or NIfTI */
	public static boolean isDicom(final Path input) {
		if (Files.isDirectory(input)) return true;
		final String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
		return Files.isRegularFile(input) && !(name.endsWith(".mhd") || name.endsWith(".mha") || name.endsWith(".nii") || name.endsWith(".nii.gz"));
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

	/**
	 * MetaImage and NIfTI values are taken as HU (as LUNA16's are); float volumes round to the nearest integer and
	 * clamp to int16; a uint8 volume is no CT and is refused.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Volume<ShortType> toHu(final Volume<?> v, final Path file) throws VolumeIOException {
		final Object t = v.image().getType();
		if (t instanceof ShortType) return (Volume<ShortType>) v;
		if (t instanceof net.imglib2.type.numeric.integer.UnsignedByteType) throw new VolumeIOException(file, "an 8-bit image (a mask?), not a CT in HU");
		final net.imglib2.img.planar.PlanarImg<net.imglib2.type.numeric.real.FloatType, ?> f = org.lungprep.core.Planar.asFloats((net.imglib2.RandomAccessibleInterval) v.image());
		final net.imglib2.img.planar.PlanarImg<ShortType, ?> s = org.lungprep.core.Planar.shorts(v.dimensions());
		for (int z = 0; z < v.size(2); z++) {
			final float[] a = org.lungprep.core.Planar.plane(f, z);
			final short[] b = org.lungprep.core.Planar.plane(s, z);
			for (int i = 0; i < a.length; i++)
				b[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(a[i])));
		}
		return new Volume<>(s, v.geometry(), v.info());
	}
}

package org.lungprep.io.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.StoredVolume;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.core.VolumeInfo;
import org.lungprep.io.dicom.codec.FrameDecoder;
import org.lungprep.io.dicom.codec.FrameFormat;
import org.lungprep.io.dicom.codec.PixelDecoders;

import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.integer.ShortType;

/**
 * Reads the pixels of a {@link DicomSeries} into a {@link StoredVolume}: slices ordered along the normal, geometry from
 * the positions, stored values with BitsStored masking and sign extension, per-slice rescale kept for the Hounsfield
 * conversion. Files are read in parallel, each straight into its slice array.
 */
public final class DicomSeriesReader {

	private DicomSeriesReader() { }

	/**
	 * @param series the series (from {@link DicomScanner})
	 * @param options reading options
	 * @param progress progress and cancellation
	 * @return stored values with geometry, source metadata and warnings
	 * @throws VolumeIOException naming the file when a slice cannot be read or does not fit the series
	 */
	public static StoredVolume read(final DicomSeries series, final DicomReadOptions options, final ProgressListener progress)
		throws VolumeIOException
	{
		if (options.corrects()) throw new IllegalArgumentException("tilt and spacing corrections work on converted values: use readConverted");
		return read(series, options, null, progress);
	}

	/**
	 * Reads the series and converts every slice as soon as it is decoded (one pass over the data instead of two).
	 *
	 * @param series the series (from {@link DicomScanner})
	 * @param options reading options
	 * @param converter the per-slice conversion (e.g. {@code HounsfieldConverter.sliceConverter})
	 * @param progress progress and cancellation
	 * @return the converted values with geometry, source metadata and warnings
	 * @throws VolumeIOException naming the file when a slice cannot be read or does not fit the series
	 */
	public static Volume<ShortType> readConverted(final DicomSeries series, final DicomReadOptions options, final StoredVolume.SliceConverter converter,
		final ProgressListener progress) throws VolumeIOException
	{
		if (converter == null) throw new IllegalArgumentException("converter is null");
		final Volume<ShortType> v = read(series, options, converter, progress).stored();
		return options.corrects() ? SliceCorrections.apply(v, series.geometry(), options, (short) -1024) : v;
	}

	/** Takes converted slices as they are decoded: any order, from several threads at once, each z once. */
	@FunctionalInterface
	public interface SliceSink {
		/**
		 * @param z the slice's index along the sorted series
		 * @param slice its converted values (x fastest); the array is reused for the next slice once this returns
		 * @throws IOException when the slice cannot be taken (e.g. a write fails): reading stops with it
		 */
		void accept(int z, short[] slice) throws IOException;
	}

	/**
	 * Reads the series and converts every slice as {@link #readConverted} does, handing each slice to a sink instead of
	 * keeping the volume: for pipelines that consume a CT slice by slice, the whole volume is never held. Corrections
	 * (gantry tilt, regular grid) need the whole volume and are refused here.
	 *
	 * @param series the series (from {@link DicomScanner})
	 * @param options reading options, without corrections
	 * @param converter the per-slice conversion
	 * @param sink takes the converted slices
	 * @param progress progress and cancellation
	 * @return the volume's header: geometry, source metadata and warnings, with a 1x1x1 image (no voxels)
	 * @throws IOException naming the file when a slice cannot be read or does not fit the series, or the sink's
	 */
	public static Volume<ShortType> streamConverted(final DicomSeries series, final DicomReadOptions options, final StoredVolume.SliceConverter converter,
		final SliceSink sink, final ProgressListener progress) throws IOException
	{
		if (options.corrects()) throw new IllegalArgumentException("tilt and spacing corrections need the whole volume: use readConverted");
		if (converter == null || sink == null) throw new IllegalArgumentException("converter and sink are needed");
		return read(series, options, converter, sink, progress).stored();
	}

	private static StoredVolume read(final DicomSeries series, final DicomReadOptions options, final StoredVolume.SliceConverter converter,
		final ProgressListener progress) throws VolumeIOException
	{
		try {
			return read(series, options, converter, null, progress);
		}
		catch (final VolumeIOException e) {
			throw e;
		}
		catch (final IOException e) {
			// only a sink throws other IOExceptions, and there is none here
			throw new IllegalStateException(e);
		}
	}

	/** Reads into a new volume (sink null) or hands each slice to the sink (the result then has a 1x1x1 image). */
	private static StoredVolume read(final DicomSeries series, final DicomReadOptions options, final StoredVolume.SliceConverter converter,
		final SliceSink sink, final ProgressListener progress) throws IOException
	{
		final SeriesGeometry g = series.geometry();
		final List<SliceHeader> slices = g.sorted;
		final SliceHeader first = slices.get(0);
		final int nx = first.columns, ny = first.rows, nz = slices.size();
		final List<String> warnings = new ArrayList<>(g.warnings);
		for (final SliceHeader s : slices) {
			if (s.columns != nx || s.rows != ny) throw new VolumeIOException(s.file, "image size " + s.columns + "x" + s.rows + " differs from the series' " + nx + "x" + ny);
			if (s.signed != first.signed) throw new VolumeIOException(s.file, "PixelRepresentation differs from the rest of the series");
		}
		checkSizes(slices);
		final PlanarImg<ShortType, ShortArray> img = sink == null ? Planar.shorts(nx, ny, nz) : Planar.shorts(1, 1, 1);
		// with a sink: one slice per thread, reused
		final ThreadLocal<short[]> scratch = ThreadLocal.withInitial(() -> new short[nx * ny]);
		final double[] slopes = new double[nz], intercepts = new double[nz];
		// Slices of one multi-frame file are read from one parse of that file.
		final Map<Path, List<Integer>> byFile = new HashMap<>();
		for (int z = 0; z < nz; z++) {
			byFile.computeIfAbsent(slices.get(z).file, k -> new ArrayList<>()).add(z);
			slopes[z] = slices.get(z).slope;
			intercepts[z] = slices.get(z).intercept;
		}
		final List<Path> files = new ArrayList<>(byFile.keySet());
		final int[] padding = first.paddingValue == null ? null : new int[] {
			Math.min(first.paddingValue, first.paddingRangeLimit == null ? first.paddingValue : first.paddingRangeLimit),
			Math.max(first.paddingValue, first.paddingRangeLimit == null ? first.paddingValue : first.paddingRangeLimit) };
		final AtomicInteger done = new AtomicInteger();
		final IOException[] error = { null };
		// one file buffer per thread, reused: nothing below keeps the parsed file once its slices are copied out
		final ThreadLocal<byte[][]> buffers = ThreadLocal.withInitial(() -> new byte[1][]);
		Parallelization.getTaskExecutor().forEach(files, file -> {
			if (error[0] != null || progress.isCancelled()) return;
			try {
				final DicomFile f = DicomParser.parse(file, false, buffers.get());
				List<byte[]> frames = null;
				for (final int z : byFile.get(file)) {
					final SliceHeader h = slices.get(z);
					final short[] dst = sink == null ? Planar.plane(img, z) : scratch.get();
					if (f.encapsulated()) {
						if (frames == null) frames = f.frames(h.frameCount);
						decode(f, h, frames.get(h.frame), dst);
					}
					else copyNative(f, h, dst);
					// 8-bit data holds its 8 bits as they are
					final int bits = h.bitsAllocated == 8 && h.bitsStored == 8 ? 16 : h.bitsStored;
					if (converter != null) converter.convertStored(dst, bits, !h.signed, h.slope, h.intercept, padding);
					else StoredVolume.keepStoredBits(dst, bits, !h.signed);
					if (sink != null) sink.accept(z, dst);
				}
			}
			catch (final IOException e) {
				synchronized (error) {
					if (error[0] == null) error[0] = e;
				}
			}
			progress.progress("reading slices", done.incrementAndGet() / (double) files.size());
		});
		if (error[0] != null) throw error[0];
		progress.checkCancelled();
		final Set<String> ts = new LinkedHashSet<>();
		for (final SliceHeader s : slices)
			ts.add(s.transferSyntax);
		VolumeInfo info = new VolumeInfo(series.files().size() == 1 ? first.file.toString() : first.file.getParent() == null ? "" : first.file.getParent().toString(),
			first.seriesUid, first.patientId, first.modality, first.description, warnings, Map.of());
		info = info.withExtra("transfer_syntaxes", String.join(",", ts)).withExtra("series_number", first.seriesNumber)
			.withExtra("gantry_tilt_degrees", String.valueOf(Math.round(g.tiltDegrees * 100) / 100.0));
		final Volume<ShortType> v = new Volume<>(img, g.geometry, info);
		// streamed: the caller takes only the header (geometry and info) of the result
		if (sink != null) return new StoredVolume(v, !first.signed, new double[] { 1 }, new double[] { 0 }, OptionalInt.empty(), OptionalInt.empty());
		final OptionalInt pad = first.paddingValue == null ? OptionalInt.empty() : OptionalInt.of(first.paddingValue);
		final OptionalInt limit = first.paddingRangeLimit == null ? OptionalInt.empty() : OptionalInt.of(first.paddingRangeLimit);
		return new StoredVolume(v, !first.signed, slopes, intercepts, pad, limit);
	}

	/**
	 * Refuses sizes the files cannot hold before anything is allocated: uncompressed pixels need their bytes in the
	 * file; compressed ones are allowed a generous 1:200 ratio. A corrupt Rows or Columns never becomes an
	 * OutOfMemoryError.
	 */
	private static void checkSizes(final List<SliceHeader> slices) throws VolumeIOException {
		final java.util.Map<Path, Long> sizes = new HashMap<>();
		for (final SliceHeader h : slices) {
			final long frameBytes = (long) h.rows * h.columns * (h.bitsAllocated / 8);
			final long fileSize = sizes.computeIfAbsent(h.file, f -> {
				try {
					return java.nio.file.Files.size(f);
				}
				catch (final java.io.IOException e) {
					return -1L;
				}
			});
			if (fileSize < 0) throw new VolumeIOException(h.file, "cannot read the file's size");
			final TransferSyntax ts = TransferSyntax.of(h.transferSyntax);
			final boolean compressed = ts == null || ts.encapsulated() || ts.deflated();
			final long limit = compressed ? fileSize * 200 : fileSize;
			if (frameBytes * h.frameCount > limit)
				throw new VolumeIOException(h.file, h.columns + "x" + h.rows + "x" + h.frameCount + " pixels cannot be in a file of " + fileSize + " bytes (corrupt header?)");
		}
	}

	private static void copyNative(final DicomFile f, final SliceHeader h, final short[] dst) throws VolumeIOException {
		final int n = dst.length;
		final int bytesPerPixel = h.bitsAllocated / 8;
		final long frameBytes = (long) n * bytesPerPixel;
		final long start = f.pixelOffset + frameBytes * h.frame;
		final long needed = frameBytes * h.frameCount;
		if (f.pixelLength < needed) {
			throw new VolumeIOException(f.path(), (f.pixelTruncated ? "pixel data truncated: " : "pixel data too short: ") + "expected " + needed + " bytes for "
				+ h.frameCount + " frame(s) of " + h.columns + "x" + h.rows + "x" + h.bitsAllocated + " bit, found " + f.pixelLength);
		}
		final boolean big = TransferSyntax.EXPLICIT_BE.uid().equals(f.transferSyntaxUid());
		if (bytesPerPixel == 2) {
			ByteBuffer.wrap(f.buf, (int) start, (int) frameBytes).order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(dst);
		}
		else {
			final byte[] b = f.buf;
			final int o = (int) start;
			for (int i = 0; i < n; i++)
				dst[i] = (short) (h.signed ? b[o + i] : b[o + i] & 0xff);
		}
	}

	private static void decode(final DicomFile f, final SliceHeader h, final byte[] frame, final short[] dst) throws VolumeIOException {
		final FrameDecoder decoder = PixelDecoders.forTransferSyntax(f.transferSyntaxUid()).orElseThrow(() -> new VolumeIOException(f.path(),
			"compressed pixel data in " + TransferSyntax.describe(f.transferSyntaxUid()) + " cannot be decoded by this version of LungPrep"));
		final short[] px = decoder.decode(frame, new FrameFormat(h.rows, h.columns, h.bitsAllocated, h.bitsStored, h.signed, h.samplesPerPixel, 0), f.path());
		if (px.length != dst.length) throw new VolumeIOException(f.path(), "decoded frame has " + px.length + " pixels, expected " + dst.length);
		System.arraycopy(px, 0, dst, 0, dst.length);
	}
}

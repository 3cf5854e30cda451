package org.lungprep.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.lungprep.core.Decimals;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.RgbPixels;
import org.lungprep.core.Volume;
import org.lungprep.hu.HounsfieldConverter;
import org.lungprep.io.dicom.DicomSeries;
import org.lungprep.io.dicom.DicomSeriesReader;
import org.lungprep.io.metaimage.MetaImageIO;
import org.lungprep.io.nifti.NiftiIO;
import org.lungprep.io.npy.NpyIO;
import org.lungprep.io.png.PngWriter;
import org.lungprep.io.tiff.ImageJTiffWriter;
import org.lungprep.normalize.CohortMean;
import org.lungprep.normalize.Normalizer;
import org.lungprep.resample.Resampler;
import org.lungprep.segment.LungSegmentation;
import org.lungprep.segment.LungSegmenter;
import org.lungprep.segment.MaskMargin;

import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The whole job for one scan: load &rarr; Hounsfield units &rarr; resample &rarr; segment &rarr; normalize &rarr;
 * outputs. Each step is also usable alone (see the step packages); this class only composes them, times them and
 * writes the results.
 * <p>
 * Outputs are written into a temporary sibling folder and renamed to the output folder only when complete, so an
 * output folder either holds every file or does not exist.
 */
public final class Preprocessor {

	/** What one run produced. */
	public static final class Result {
		private final Map<String, Object> report;
		private final java.util.function.Supplier<Map<String, String>> rowSource;
		private Map<String, String> row;
		private final CohortMean scaled;
		/** Whether the CT was loaded and resampled slice by slice (for tests). */
		final boolean streamed;

		Result(final Map<String, Object> report, final java.util.function.Supplier<Map<String, String>> row, final CohortMean scaled, final boolean streamed) {
			this.report = report;
			this.rowSource = row;
			this.scaled = scaled;
			this.streamed = streamed;
		}

		/** @return the content of report.json */
		public Map<String, Object> report() { return report; }

		/** @return the batch manifest fields of this scan (made when first asked for: a single run never needs them) */
		public synchronized Map<String, String> row() {
			if (row == null) row = rowSource.get();
			return row;
		}

		/** @return sum and count of the clipped, scaled values before zero-centring (for a cohort mean) */
		public CohortMean scaled() { return scaled; }
	}

	private final PreprocessSettings settings;

	/** @param settings the settings */
	public Preprocessor(final PreprocessSettings settings) {
		this.settings = settings;
	}

	/**
	 * Runs the pipeline and publishes the outputs into {@code out}.
	 *
	 * @param input a DICOM folder or file, a {@code .mhd} or a {@code .nii(.gz)}
	 * @param out the output folder; must not exist unless overwrite
	 * @param overwrite whether an existing output folder is replaced
	 * @param progress progress and cancellation
	 * @return the report
	 * @throws IOException when the input cannot be read or the outputs cannot be written
	 */
	public Result run(final Path input, final Path out, final boolean overwrite, final ProgressListener progress) throws IOException {
		if (Files.exists(out) && !overwrite) throw new IOException(out + ": output folder exists (use --overwrite to replace it)");
		checkNotInside(input, out);
		final Path parent = out.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		final Path tmp = AtomicFiles.createUniqueDirectory(parent, "." + out.getFileName() + ".partial-");
		try {
			final Result r = runInto(input, tmp, progress);
			AtomicFiles.publishFolder(tmp, out, overwrite);
			return r;
		}
		finally {
			if (Files.exists(tmp)) AtomicFiles.deleteTree(tmp);
		}
	}

	/** Refuses an output folder inside the input folder: nothing is ever written into an input folder. */
	static void checkNotInside(final Path input, final Path out) throws IOException {
		final Path in = (Files.isRegularFile(input) ? input.toAbsolutePath().getParent() : input.toAbsolutePath()).normalize();
		final Path o = out.toAbsolutePath().normalize();
		if (o.startsWith(in) && Files.isDirectory(in)) throw new IOException(out + ": output folder is inside the input folder " + in + " (LungPrep never writes into an input folder)");
	}

	/**
	 * Runs the pipeline writing into an existing empty folder (used by {@link #run} and by the batch runner, which
	 * publishes the folder itself).
	 */
	public Result runInto(final Path input, final Path dir, final ProgressListener progress) throws IOException {
		// outputs are written on a second thread while the main thread goes on (the segmentation has long
		// single-threaded parts), one task per file; once the main thread is done it takes queued files too. Each volume
		// is let go once its files are written.
		final List<Thread> threads = new CopyOnWriteArrayList<>();
		final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
			final Thread t = new Thread(r, "lungprep-writer");
			t.setDaemon(true);
			threads.add(t);
			return t;
		});
		try {
			return runInto(input, dir, progress, writer);
		}
		finally {
			// nothing may still be writing into the folder when the caller publishes or deletes it
			writer.shutdownNow();
			try {
				if (!writer.awaitTermination(1, TimeUnit.HOURS)) throw new IOException(dir + ": writing did not finish");
				// the pool is terminated once its last task is done, while its thread is still on its way out: the
				// run returns with no writer thread left
				for (final Thread t : threads)
					t.join();
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IOException(dir + ": interrupted while writing", e);
			}
		}
	}

	private Result runInto(final Path input, final Path dir, final ProgressListener progress, final ThreadPoolExecutor writer) throws IOException {
		final Map<String, Double> seconds = Collections.synchronizedMap(new LinkedHashMap<>());
		final double[] writing = { 0 };
		// tasks add to it too (the normalized volume's files)
		final List<Future<?>> pending = new CopyOnWriteArrayList<>();
		final long start = System.nanoTime();
		final Loaded loaded = loadAndResample(input, dir, progress, writer, pending, seconds, writing);
		final Volume<ShortType> huHeader = loaded.huHeader, resampled = loaded.resampled;
		final long[] huShape = loaded.huShape;
		final double[] normalizedMean = { Double.NaN };
		// the scaled mean, and without masking the normalized volume, need only the resampled one: beside the
		// segmentation; the normalized volume is computed slice by slice as it is written, never held as floats
		final Future<CohortMean> scaledFuture = writer.submit(() -> {
			final long t0 = System.nanoTime();
			final CohortMean cm = CohortMean.of(resampled.image(), settings.normalize());
			seconds.put("normalize", lap(t0));
			if (!settings.masked()) submitWrites(writer, pending, dir, "normalized", Normalizer.lazy(resampled, null, settings.normalize()), writing);
			return cm;
		});
		pending.add(scaledFuture);

		long t = System.nanoTime();
		final LungSegmentation seg = LungSegmenter.segment(resampled, settings.segment(), progress.range(0.4, 0.8));
		seconds.put("segment", lap(t));
		progress.checkCancelled();
		// the 0/1 mask is computed from the labels as it is written
		submitWrites(writer, pending, dir, "lungs", settings.labels() ? seg.labels() : seg.binaryView(), writing);
		if (settings.masked()) pending.add(writer.submit(() -> {
			final long t0 = System.nanoTime();
			final Volume<UnsignedByteType> keep = MaskMargin.grow(seg.labels(), settings.maskMm());
			final Volume<FloatType> normalized = Normalizer.lazy(resampled, keep, settings.normalize());
			normalizedMean[0] = Planar.sum(normalized.image()) / normalized.image().size();
			seconds.merge("normalize", lap(t0), Double::sum);
			submitWrites(writer, pending, dir, "normalized", normalized, writing);
			return null;
		}));

		if (settings.qc()) {
			t = System.nanoTime();
			final RgbPixels qc = QcPicture.renderPixels(resampled, seg.labels(), null);
			PngWriter.write(qc, dir.resolve("qc.png"));
			seconds.put("qc", lap(t));
		}
		progress.progress("writing", 0.9);
		// the main thread writes queued files too; pending may grow while this runs (size read each time)
		for (int i = 0; i < pending.size(); i++) {
			for (Runnable queued; (queued = writer.getQueue().poll()) != null;)
				queued.run();
			await(pending.get(i), dir);
		}
		final CohortMean scaled = await(scaledFuture, dir);
		seconds.put("write", Math.round(writing[0] * 1e3) / 1e3);
		seconds.put("total", lap(start));

		final Map<String, Object> report = report(input, huHeader, huShape, resampled, seg, scaled, normalizedMean[0], new LinkedHashMap<>(seconds));
		AtomicFiles.writeString(dir.resolve("report.json"), Json.write(report) + "\n");
		progress.progress("done", 1);
		// the row keeps numbers only, not the segmentation's voxels
		final LungQcNumbers lungs = new LungQcNumbers(seg);
		return new Result(report, () -> row(report, lungs, scaled, seconds), scaled, loaded.streamed);
	}

	/** What loading left for the rest of the run: the HU volume's header (no voxels), its shape and the resampled volume. */
	private static final class Loaded {
		Volume<ShortType> huHeader, resampled;
		long[] huShape;
		boolean streamed;
	}

	/**
	 * Loads and resamples, handing hu.npy and resampled.npy to the writer. In a method of its own so that, once it
	 * returns, only the writer holds the HU volume, until it is written.
	 */
	private Loaded loadAndResample(final Path input, final Path dir, final ProgressListener progress, final ExecutorService writer,
		final List<Future<?>> pending, final Map<String, Double> seconds, final double[] writing) throws IOException
	{
		long t = System.nanoTime();
		DicomSeries series = null;
		if (settings.formats().isEmpty() && !settings.load().dicom().corrects() && CtLoader.isDicom(input)) {
			series = CtLoader.selectSeries(input, settings.load(), progress.range(0.0, 0.02));
			final Loaded l = streamed(series, dir, progress, seconds, writing, t);
			if (l != null) {
				submitWrites(writer, pending, dir, "resampled", l.resampled, writing);
				return l;
			}
		}
		final Volume<ShortType> hu = series != null ? CtLoader.load(series, settings.load(), progress.range(0.02, 0.15))
			: CtLoader.load(input, settings.load(), progress.range(0.0, 0.15));
		seconds.put("load_hu", lap(t));
		progress.checkCancelled();
		submitWrites(writer, pending, dir, "hu", hu, writing);
		final Loaded l = new Loaded();
		// geometry and source metadata for the report, without keeping the voxels
		l.huHeader = new Volume<>(net.imglib2.img.array.ArrayImgs.shorts(1, 1, 1), hu.geometry(), hu.info());
		l.huShape = hu.shapeZyx();
		t = System.nanoTime();
		final Volume<ShortType> resampled = Resampler.resample(hu, settings.resample(), progress.range(0.15, 0.4));
		seconds.put("resample", lap(t));
		progress.checkCancelled();
		submitWrites(writer, pending, dir, "resampled", resampled, writing);
		l.resampled = resampled;
		return l;
	}

	/**
	 * Loading and resampling slice by slice, where the series and the settings allow it (no extra formats, no slice
	 * corrections, no pass along z before the in-plane ones): each slice is converted to HU as it is decoded, written
	 * into hu.npy and resampled in-plane, on the reading threads; then the pass along z. The HU volume is never held.
	 * The same values as loading and resampling the whole volume. load_hu's seconds include the in-plane resampling.
	 *
	 * @return null when this series cannot be done slice by slice
	 */
	private Loaded streamed(final DicomSeries series, final Path dir, final ProgressListener progress, final Map<String, Double> seconds,
		final double[] writing, final long start) throws IOException
	{
		final long[] dims = series.volumeDimensions();
		final Resampler.SliceStream rs = Resampler.streaming(dims, series.volumeGeometry(), settings.resample());
		if (rs == null) return null;
		final Volume<ShortType> header;
		try (NpyIO.Int16SliceWriter hu = new NpyIO.Int16SliceWriter(dir.resolve("hu.npy"), (int) dims[0], (int) dims[1], (int) dims[2])) {
			header = DicomSeriesReader.streamConverted(series, settings.load().dicom(), HounsfieldConverter.sliceConverter(settings.load().hu()), (z, slice) -> {
				final long t0 = System.nanoTime();
				hu.write(z, slice);
				synchronized (writing) {
					writing[0] += (System.nanoTime() - t0) / 1e9;
				}
				rs.accept(z, slice);
			}, progress.range(0.02, 0.3));
		}
		seconds.put("load_hu", lap(start));
		progress.checkCancelled();
		final long t = System.nanoTime();
		final Loaded l = new Loaded();
		l.huHeader = header;
		l.huShape = new long[] { dims[2], dims[1], dims[0] };
		l.streamed = true;
		l.resampled = rs.finish(header.info(), progress.range(0.3, 0.4));
		seconds.put("resample", lap(t));
		return l;
	}

	/** Queues one task per file of a volume (.npy and each extra format); each adds its seconds to the writing total. */
	private <T extends net.imglib2.type.numeric.RealType<T>> void submitWrites(final ExecutorService writer, final List<Future<?>> pending, final Path dir,
		final String name, final Volume<T> v, final double[] writing)
	{
		final List<PreprocessSettings.Format> files = new ArrayList<>();
		files.add(null);
		files.addAll(settings.formats());
		for (final PreprocessSettings.Format f : files)
			pending.add(writer.submit(() -> {
				final long t0 = System.nanoTime();
				write(dir, name, v, f);
				synchronized (writing) {
					writing[0] += (System.nanoTime() - t0) / 1e9;
				}
				return null;
			}));
	}

	/** The result of a background step; its failure as the IOException (or unchecked exception) it was. */
	private static <V> V await(final Future<V> f, final Path dir) throws IOException {
		try {
			return f.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(dir + ": interrupted while writing", e);
		}
		catch (final ExecutionException e) {
			final Throwable c = e.getCause();
			if (c instanceof IOException) throw (IOException) c;
			if (c instanceof RuntimeException) throw (RuntimeException) c;
			if (c instanceof Error) throw (Error) c;
			throw new IOException(dir + ": " + c, c);
		}
	}

	/** Writes name.npy (format null) or name in one of the extra formats. */
	private static <T extends net.imglib2.type.numeric.RealType<T>> void write(final Path dir, final String name, final Volume<T> v, final PreprocessSettings.Format f)
		throws IOException
	{
		if (f == null) {
			NpyIO.write(v, dir.resolve(name + ".npy"));
			return;
		}
		final Path p = dir.resolve(name + "." + f.extension());
		switch (f) {
			case NII: NiftiIO.write(v, p); break;
			case MHD: MetaImageIO.write(v, p); break;
			default: ImageJTiffWriter.write(v, p); break;
		}
	}

	private static double lap(final long t0) {
		return Math.round((System.nanoTime() - t0) / 1e6) / 1e3;
	}

	private Map<String, Object> report(final Path input, final Volume<ShortType> hu, final long[] huShape, final Volume<ShortType> resampled,
		final LungSegmentation seg, final CohortMean scaled, final double maskedMean, final Map<String, Double> seconds)
	{
		final Map<String, Object> r = new LinkedHashMap<>();
		r.put("lungprep_version", LungPrepVersion.get());
		r.put("input", input.toAbsolutePath().toString());
		r.put("series_uid", hu.info().seriesUid());
		r.put("patient_id", hu.info().patientId());
		r.put("modality", hu.info().modality());
		r.put("slices", huShape[0]);
		r.put("axis_order", "arrays and shapes in (z, y, x); origin and direction in LPS millimetres (x, y, z)");
		r.put("hu_shape_zyx", huShape);
		r.put("input_spacing_zyx", hu.spacingZyx());
		r.put("origin_lps", hu.geometry().origin());
		r.put("direction", hu.geometry().direction());
		r.put("resampled_shape_zyx", resampled.shapeZyx());
		r.put("resampled_spacing_zyx", resampled.spacingZyx());
		r.put("resampled_origin_lps", resampled.geometry().origin());
		final List<String> warnings = new ArrayList<>(hu.info().warnings());
		for (final String w : seg.qc().warnings())
			if (!warnings.contains(w)) warnings.add(w);
		r.put("warnings", warnings);
		r.put("lungs", seg.qc().toMap());
		// the mean of normalized.npy: with masking, of what was written (the fill included)
		r.put("normalized_mean", settings.masked() ? maskedMean : scaled.mean() - settings.normalize().mean());
		r.put("scaled_sum", scaled.sum());
		r.put("scaled_voxels", scaled.voxels());
		r.put("seconds", seconds);
		r.put("settings", settings.toMap());
		r.put("outputs", outputs());
		return r;
	}

	private List<String> outputs() {
		final List<String> names = new ArrayList<>();
		for (final String n : new String[] { "hu", "resampled", "lungs", "normalized" }) {
			names.add(n + ".npy");
			for (final PreprocessSettings.Format f : settings.formats())
				names.add(n + "." + f.extension());
		}
		if (settings.qc()) names.add("qc.png");
		names.add("report.json");
		return names;
	}

	/** The lung volumes a manifest row shows. */
	private static final class LungQcNumbers {
		final boolean labelled;
		final double total, right, left;

		LungQcNumbers(final LungSegmentation seg) {
			labelled = seg.qc().labelled();
			total = seg.qc().totalMl();
			right = seg.qc().rightMl();
			left = seg.qc().leftMl();
		}
	}

	private static Map<String, String> row(final Map<String, Object> report, final LungQcNumbers lungs, final CohortMean scaled, final Map<String, Double> seconds) {
		final Map<String, String> row = new LinkedHashMap<>();
		row.put("input", String.valueOf(report.get("input")));
		row.put("series_uid", String.valueOf(report.get("series_uid")));
		row.put("slices", String.valueOf(report.get("slices")));
		row.put("hu_shape_zyx", zyx((long[]) report.get("hu_shape_zyx")));
		row.put("input_spacing_zyx", zyx((double[]) report.get("input_spacing_zyx")));
		row.put("resampled_shape_zyx", zyx((long[]) report.get("resampled_shape_zyx")));
		row.put("resampled_spacing_zyx", zyx((double[]) report.get("resampled_spacing_zyx")));
		row.put("lung_ml", Decimals.fixed(lungs.total, 1));
		// empty when the method does not tell the lungs apart (tutorial)
		row.put("right_ml", lungs.labelled ? Decimals.fixed(lungs.right, 1) : "");
		row.put("left_ml", lungs.labelled ? Decimals.fixed(lungs.left, 1) : "");
		@SuppressWarnings("unchecked")
		final List<String> warnings = (List<String>) report.get("warnings");
		row.put("warnings", String.join("; ", warnings));
		row.put("scaled_sum", Double.toString(scaled.sum()));
		row.put("scaled_voxels", Long.toString(scaled.voxels()));
		row.put("seconds", Decimals.fixed(seconds.get("total"), 2));
		return row;
	}

	private static String zyx(final long[] v) {
		return v[0] + "x" + v[1] + "x" + v[2];
	}

	private static String zyx(final double[] v) {
		return Decimals.general(v[0], 6) + "x" + Decimals.general(v[1], 6) + "x" + Decimals.general(v[2], 6);
	}

}

package org.lungprep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.ProgressListener;
import org.lungprep.io.metaimage.MetaImageIO;
import org.lungprep.phantom.ChestPhantom;

/** The pipeline's second (writer) thread: its failures reach the caller, and nothing keeps writing afterwards. */
class PreprocessorTest {

	@TempDir
	Path tmp;

	Path input;

	@BeforeEach
	void phantom() throws IOException {
		input = tmp.resolve("in/phantom.mhd");
		Files.createDirectories(input.getParent());
		MetaImageIO.write(ChestPhantom.builder().shape(72, 64, 30).spacing(4, 4, 6).seed(3).build().hu(), input);
	}

	private static boolean writerAlive() {
		return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("lungprep-writer") && t.isAlive());
	}

	@Test
	void aFailedBackgroundWriteIsTheRunsErrorAndTheWriterHasStopped() throws IOException {
		final Path dir = tmp.resolve("work");
		// a folder where the resampled array goes: writing it fails on the writer thread
		Files.createDirectories(dir.resolve("resampled.npy"));
		final Preprocessor p = new Preprocessor(PreprocessSettings.DEFAULT.withSpacingZyx(new double[] { 4, 4, 4 }));
		final IOException e = assertThrows(IOException.class, () -> p.runInto(input, dir, ProgressListener.NONE));
		assertTrue(String.valueOf(e.getMessage()).contains("resampled.npy"), "names the file: " + e.getMessage());
		assertFalse(writerAlive(), "no writer thread is left running");
		assertFalse(Files.exists(dir.resolve("report.json")), "a failed run writes no report");
	}

	@Test
	void aFailedRunPublishesNothing() throws IOException {
		final Path out = tmp.resolve("out");
		final Preprocessor p = new Preprocessor(PreprocessSettings.DEFAULT);
		// an input that is not a volume: loading fails before anything is written
		final Path bad = tmp.resolve("in/bad.mhd");
		Files.writeString(bad, "NDims = 3\n");
		assertThrows(IOException.class, () -> p.run(bad, out, false, ProgressListener.NONE));
		assertFalse(Files.exists(out));
		try (Stream<Path> s = Files.list(tmp)) {
			final List<String> names = s.map(x -> x.getFileName().toString()).collect(Collectors.toList());
			assertFalse(names.stream().anyMatch(n -> n.contains(".partial-")), "no partial folder is left: " + names);
		}
	}

	@Test
	void everyOutputIsCompleteWhenTheRunReturns() throws IOException {
		final Path out = tmp.resolve("ok");
		final Preprocessor.Result r = new Preprocessor(PreprocessSettings.DEFAULT.withSpacingZyx(new double[] { 4, 4, 4 })).run(input, out, false,
			ProgressListener.NONE);
		for (final String name : List.of("hu.npy", "resampled.npy", "lungs.npy", "normalized.npy", "qc.png", "report.json"))
			assertTrue(Files.size(out.resolve(name)) > 0, name);
		// float32 (z, y, x) with a 128-byte header: the normalized array is all there
		final long[] shape = (long[]) r.report().get("resampled_shape_zyx");
		assertEquals(128 + 4 * shape[0] * shape[1] * shape[2], Files.size(out.resolve("normalized.npy")));
		assertFalse(writerAlive());
	}

	/**
	 * A DICOM series is loaded and resampled slice by slice (the HU volume never held) when nothing needs it whole; the
	 * outputs are byte for byte those of the whole-volume path, which extra formats or a z pass first still take.
	 */
	@Test
	void slicebySliceLoadingGivesTheSameOutputs() throws IOException {
		final Path dicom = tmp.resolve("in/dicom");
		org.lungprep.io.dicom.DicomWriter.writeSeries(ChestPhantom.builder().shape(72, 64, 30).spacing(4, 4, 6).seed(5).build().hu(), null, dicom, "STREAM",
			"streamed phantom");
		// in-plane 4 -> 5 mm and z 6 -> 3 mm: passes x, y, then z
		final PreprocessSettings s = PreprocessSettings.DEFAULT.withSpacingZyx(new double[] { 3, 5, 5 });
		final Preprocessor.Result streamed = new Preprocessor(s).run(dicom, tmp.resolve("streamed"), false, ProgressListener.NONE);
		assertTrue(streamed.streamed, "slice by slice");
		final Preprocessor.Result whole = new Preprocessor(s.withFormats(java.util.EnumSet.of(PreprocessSettings.Format.MHD))).run(dicom, tmp.resolve("whole"), false,
			ProgressListener.NONE);
		assertFalse(whole.streamed, "extra formats take the whole volume");
		for (final String name : List.of("hu.npy", "resampled.npy", "lungs.npy", "normalized.npy"))
			assertTrue(java.util.Arrays.equals(Files.readAllBytes(tmp.resolve("streamed").resolve(name)), Files.readAllBytes(tmp.resolve("whole").resolve(name))), name);
		for (final String key : List.of("series_uid", "hu_shape_zyx", "input_spacing_zyx", "origin_lps", "resampled_shape_zyx", "resampled_origin_lps", "warnings", "lungs",
			"normalized_mean"))
			assertEquals(String.valueOf(Json.write(whole.report().get(key))), String.valueOf(Json.write(streamed.report().get(key))), key);
		// z shrinking most (its pass first): the whole volume
		final Preprocessor.Result zFirst = new Preprocessor(PreprocessSettings.DEFAULT.withSpacingZyx(new double[] { 9, 5, 5 })).run(dicom, tmp.resolve("zfirst"), false,
			ProgressListener.NONE);
		assertFalse(zFirst.streamed);
		assertTrue(Files.size(tmp.resolve("zfirst/hu.npy")) > 72 * 64 * 30 * 2);
	}

	@Test
	void aFailedSliceWriteStopsTheRunAndNamesTheFile() throws IOException {
		final Path dicom = tmp.resolve("in/dicom2");
		org.lungprep.io.dicom.DicomWriter.writeSeries(ChestPhantom.builder().shape(48, 40, 16).spacing(4, 4, 6).seed(6).build().hu(), null, dicom, "STREAM",
			"streamed phantom");
		final Path dir = tmp.resolve("work2");
		// a folder where hu.npy goes: opening it for the slices fails
		Files.createDirectories(dir.resolve("hu.npy"));
		final Preprocessor p = new Preprocessor(PreprocessSettings.DEFAULT.withSpacingZyx(new double[] { 3, 5, 5 }));
		final IOException e = assertThrows(IOException.class, () -> p.runInto(dicom, dir, ProgressListener.NONE));
		assertTrue(String.valueOf(e.getMessage()).contains("hu.npy"), "names the file: " + e.getMessage());
		assertFalse(writerAlive(), "no writer thread is left running");
		assertFalse(Files.exists(dir.resolve("report.json")));
	}
}

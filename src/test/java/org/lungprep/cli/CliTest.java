package org.lungprep.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.io.npy.NpyIO;

import ij.ImagePlus;
import ij.io.Opener;

/** The command line end to end on a small phantom written as DICOM: exit codes, one-line errors, outputs. */
class CliTest {

	@TempDir
	static Path tmp;

	static Path phantom;

	/** Exit code and what went to stdout and stderr. */
	static final class Run {
		final int code;
		final String out;
		final String err;

		Run(final int code, final String out, final String err) {
			this.code = code;
			this.out = out;
			this.err = err;
		}
	}

	static synchronized Run run(final String... args) {
		final PrintStream oldOut = System.out, oldErr = System.err;
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		try {
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
			final int code = Main.run(args);
			return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(oldOut);
			System.setErr(oldErr);
		}
	}

	@BeforeAll
	static void makePhantom() {
		phantom = tmp.resolve("phantom");
		final Run r = run("phantom", phantom.toString(), "--size", "96,80,40", "--spacing", "5,3.5,3.5");
		assertEquals(0, r.code, r.err);
		assertTrue(Files.isRegularFile(phantom.resolve("lungs_truth.npy")));
		assertTrue(r.out.contains("(40, 80, 96)"), r.out);
	}

	@Test
	void helpAndVersion() {
		final Run help = run("--help");
		assertEquals(0, help.code);
		for (final String cmd : List.of("info", "convert", "preprocess", "batch", "surface", "phantom", "demo"))
			assertTrue(help.out.contains(cmd), "help lists " + cmd + ":\n" + help.out);
		final Run version = run("--version");
		assertEquals(0, version.code);
		assertTrue(version.out.startsWith("LungPrep "), version.out);
		// every command prints it (a subcommand's -V printed an empty line before)
		for (final String cmd : List.of("info", "convert", "preprocess", "batch", "surface", "phantom", "demo")) {
			final Run v = run(cmd, "-V");
			assertEquals(0, v.code, cmd);
			assertEquals(version.out, v.out, cmd + " -V");
		}
		// no arguments: the usage with every command, on stdout, exit 0
		final Run none = run();
		assertEquals(0, none.code);
		for (final String cmd : List.of("info", "convert", "preprocess", "batch", "surface", "phantom", "demo", "help"))
			assertTrue(none.out.contains("  " + cmd + " "), "usage lists " + cmd + ":\n" + none.out);
		final Run helpPreprocess = run("help", "preprocess");
		assertEquals(0, helpPreprocess.code, helpPreprocess.err);
		assertTrue(helpPreprocess.out.startsWith("Usage: lungprep preprocess"), helpPreprocess.out);
		final Run typo = run("prepro");
		assertEquals(2, typo.code);
		assertTrue(typo.err.contains("Did you mean: lungprep preprocess?"), typo.err);
	}

	@Test
	void onlyTheCommandThatRunsIsRegistered() {
		// picocli builds every registered command's model at start: a run registers only its own command
		assertArrayEquals(new Class<?>[] { PreprocessCommand.class }, Main.subcommands("--debug", "preprocess", "in", "out"));
		assertArrayEquals(new Class<?>[] { DemoCommand.class }, Main.subcommands("demo"));
		// everything where no argument names a command: usage, help, suggestions for a typo
		for (final String[] args : new String[][] { {}, { "--help" }, { "help", "preprocess" }, { "prepro" } })
			assertEquals(8, Main.subcommands(args).length, String.join(" ", args));
		final Run debugHelp = run("--debug", "preprocess", "--help");
		assertEquals(0, debugHelp.code, debugHelp.err);
		assertTrue(debugHelp.out.startsWith("Usage: lungprep preprocess"), debugHelp.out);
	}

	@Test
	void picocliSkipsOnlyConvertersNoOptionUses() {
		final String saved = System.clearProperty(Main.CONVERTER_EXCLUDES);
		try {
			assertEquals(0, run("--version").code);
			final String excludes = System.getProperty(Main.CONVERTER_EXCLUDES);
			// picocli matches each class name against each comma-separated expression
			for (final String skipped : new String[] { "java.time.MonthDay", "java.time.Duration", "java.sql.Timestamp" })
				assertTrue(skipped.matches(excludes), skipped);
			for (final String kept : new String[] { "java.nio.file.Path", "java.nio.file.Paths" })
				assertFalse(kept.matches(excludes), kept);
			// a value the user gave is left alone
			System.setProperty(Main.CONVERTER_EXCLUDES, "java\\.sql\\..*");
			assertEquals(0, run("--version").code);
			assertEquals("java\\.sql\\..*", System.getProperty(Main.CONVERTER_EXCLUDES));
		}
		finally {
			if (saved == null) System.clearProperty(Main.CONVERTER_EXCLUDES);
			else System.setProperty(Main.CONVERTER_EXCLUDES, saved);
		}
	}

	@Test
	void infoListsTheSeriesAsTextAndJson() {
		final Run json = run("info", phantom.resolve("dicom").toString(), "--json");
		assertEquals(0, json.code, json.err);
		assertTrue(json.out.contains("\"slices\": 40"), json.out);
		assertTrue(json.out.contains("Explicit VR Little Endian"), json.out);
		final Run text = run("info", phantom.resolve("dicom").toString());
		assertEquals(0, text.code, text.err);
		assertTrue(text.out.contains("1 series") && text.out.contains("shape_zyx"), text.out);
	}

	@Test
	void convertWritesNumpyInZyxOrderAndRefusesToOverwrite() throws IOException {
		final Path npy = tmp.resolve("convert/hu.npy");
		final Run r = run("convert", phantom.resolve("dicom").toString(), npy.toString());
		assertEquals(0, r.code, r.err);
		final Volume<?> v = NpyIO.read(npy);
		assertArrayEquals(new long[] { 40, 80, 96 }, v.shapeZyx());
		final Run again = run("convert", phantom.resolve("dicom").toString(), npy.toString());
		assertEquals(1, again.code);
		assertTrue(again.err.startsWith("lungprep: ") && again.err.contains("hu.npy") && again.err.trim().split("\n").length == 1, again.err);
		assertEquals(0, run("convert", phantom.resolve("dicom").toString(), npy.toString(), "--overwrite").code);
		try (Stream<Path> s = Files.list(npy.getParent())) {
			assertEquals(List.of("hu.npy"), s.map(p -> p.getFileName().toString()).collect(Collectors.toList()), "no temporary files left");
		}
	}

	@Test
	void convertWritesATiffImageJReadsInHu() throws IOException {
		final Path tif = tmp.resolve("convert-tif/hu.tif");
		assertEquals(0, run("convert", phantom.resolve("dicom").toString(), tif.toString()).code);
		final ImagePlus imp = new Opener().openImage(tif.toString());
		assertEquals(40, imp.getStackSize());
		assertEquals(3.5, imp.getCalibration().pixelWidth, 1e-6);
		assertEquals(5.0, imp.getCalibration().pixelDepth, 1e-6);
		final Volume<?> npy = NpyIO.read(writeNpy());
		@SuppressWarnings({ "unchecked", "rawtypes" })
		final short[] slice = Planar.plane(Planar.asShorts((net.imglib2.RandomAccessibleInterval) npy.image()), 20);
		for (int i = 0; i < slice.length; i += 97)
			assertEquals(slice[i], imp.getCalibration().getCValue(imp.getStack().getProcessor(21).get(i % 96, i / 96)), 1e-9);
	}

	private static Path writeNpy() {
		final Path p = tmp.resolve("convert-ref/hu.npy");
		assertEquals(0, run("convert", phantom.resolve("dicom").toString(), p.toString()).code);
		return p;
	}

	@Test
	void badInputIsOneClearLineAndNothingIsWritten() throws IOException {
		final Path empty = Files.createDirectories(tmp.resolve("empty"));
		final Run r = run("convert", empty.toString(), tmp.resolve("never.npy").toString());
		assertEquals(1, r.code);
		assertEquals(1, r.err.trim().split("\n").length, r.err);
		assertTrue(r.err.contains("empty") && r.err.contains("no DICOM image series"), r.err);
		assertFalse(Files.exists(tmp.resolve("never.npy")));
		final Run usage = run("convert", phantom.resolve("dicom").toString(), tmp.resolve("x.png").toString());
		assertEquals(1, usage.code);
		assertTrue(usage.err.contains("x.png") && usage.err.contains(".npy"), usage.err);
		final Run missing = run("info");
		assertEquals(2, missing.code, "usage errors exit with 2");
		try (Stream<Path> s = Files.list(empty)) {
			assertEquals(0, s.count(), "nothing written into the input folder");
		}
	}

	@Test
	void demoRunsAndWritesItsOutputs() throws IOException {
		final Path out = tmp.resolve("demo-out");
		final Run r = run("demo", "--out", out.toString(), "-q");
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("demo done") && r.out.contains("truth"), r.out);
		for (final String f : List.of("hu.npy", "resampled.npy", "lungs.npy", "normalized.npy", "report.json", "qc.png"))
			assertTrue(Files.isRegularFile(out.resolve(f)), f);
	}

	@Test
	void preprocessWritesEveryOutputInZyxOrderAndRefusesAnExistingFolder() throws IOException {
		final Path out = tmp.resolve("pre");
		final Run r = run("preprocess", phantom.resolve("dicom").toString(), out.toString(), "--spacing", "2", "-q", "--formats", "tif,nii,mhd", "--labels");
		assertEquals(0, r.code, r.err);
		for (final String f : List.of("hu.npy", "resampled.npy", "lungs.npy", "normalized.npy", "report.json", "qc.png", "hu.tif", "lungs.tif",
			"resampled.nii.gz", "normalized.mhd", "normalized.raw"))
			assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing");
		// the NIfTI output reads back with the resampled grid
		final Volume<?> nii = org.lungprep.io.nifti.NiftiIO.read(out.resolve("resampled.nii.gz"));
		assertArrayEquals(new long[] { 100, 140, 168 }, nii.shapeZyx());
		// 40 slices of 5 mm, 80 x 96 of 3.5 mm -> 2 mm: (100, 140, 168)
		assertArrayEquals(new long[] { 100, 140, 168 }, NpyIO.read(out.resolve("resampled.npy")).shapeZyx());
		final Volume<?> lungs = NpyIO.read(out.resolve("lungs.npy"));
		int maxLabel = 0;
		for (final net.imglib2.type.numeric.RealType<?> t : net.imglib2.view.Views.iterable((net.imglib2.RandomAccessibleInterval<? extends net.imglib2.type.numeric.RealType<?>>) lungs.image()))
			maxLabel = Math.max(maxLabel, (int) t.getRealDouble());
		assertEquals(2, maxLabel, "--labels gives 0/1/2");
		final String report = Files.readString(out.resolve("report.json"));
		for (final String key : List.of("\"series_uid\"", "\"resampled_spacing_zyx\"", "\"lungs\"", "\"seconds\"", "\"settings\"", "\"lungprep_version\"", "\"warnings\""))
			assertTrue(report.contains(key), key + " in " + report);
		final Run again = run("preprocess", phantom.resolve("dicom").toString(), out.toString(), "-q");
		assertEquals(1, again.code);
		assertTrue(again.err.contains("exists") && again.err.contains("--overwrite"), again.err);
		try (Stream<Path> s = Files.list(tmp)) {
			assertFalse(s.anyMatch(p -> p.getFileName().toString().contains("partial")), "no temporary folder left");
		}
		final Run bad = run("preprocess", phantom.resolve("dicom").toString(), tmp.resolve("x").toString(), "--formats", "jpg");
		assertEquals(1, bad.code);
		assertTrue(bad.err.contains("jpg") && bad.err.contains("nii, mhd, tif"), bad.err);
	}

	@Test
	void lungSidesAreReportedOnlyWhenTheMethodTellsThemApart() throws IOException {
		// robust: right and left volumes in the summary, report.json and nothing missing
		final Path robust = tmp.resolve("sides-robust"), tutorial = tmp.resolve("sides-tutorial");
		final Run r = run("preprocess", phantom.resolve("dicom").toString(), robust.toString(), "--spacing", "2", "-q", "--no-qc");
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.matches("(?s).*lungs +\\d+ mL \\(right \\d+, left \\d+\\).*"), r.out);
		assertTrue(Files.readString(robust.resolve("report.json")).matches("(?s).*\"right_ml\": [1-9][0-9.]*,.*"), "robust report has the right lung's volume");
		// tutorial: one mask, no sides; null in the report, not a 0 that reads as a missing lung
		final Run t = run("preprocess", phantom.resolve("dicom").toString(), tutorial.toString(), "--spacing", "2", "-q", "--no-qc", "--segmentation", "tutorial");
		assertEquals(0, t.code, t.err);
		assertTrue(t.out.matches("(?s).*lungs +\\d+ mL\\R.*") && !t.out.contains("right"), t.out);
		final String report = Files.readString(tutorial.resolve("report.json"));
		assertTrue(report.contains("\"right_ml\": null") && report.contains("\"left_ml\": null"), report);
	}

	@Test
	void maskSetsNormalizedToTheFillFarFromTheLungsOnly() throws IOException {
		final Path out = tmp.resolve("masked");
		final Run r = run("preprocess", phantom.resolve("dicom").toString(), out.toString(), "--spacing", "2", "-q", "--no-qc", "--mask", "4", "--mask-fill", "-7");
		assertEquals(0, r.code, r.err);
		final float[] norm = floats(NpyIO.read(out.resolve("normalized.npy")));
		final float[] lungs = floats(NpyIO.read(out.resolve("lungs.npy")));
		final float[] hu = floats(NpyIO.read(out.resolve("resampled.npy")));
		final long[] shape = NpyIO.read(out.resolve("lungs.npy")).shapeZyx();
		final int nx = (int) shape[2], ny = (int) shape[1], nz = (int) shape[0];
		int filled = 0, kept = 0;
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++) {
					final int i = (z * ny + y) * nx + x;
					final double expected = Math.min(1, Math.max(0, (hu[i] + 1000) / 1400.0)) - 0.25;
					if (lungs[i] != 0) {
						// inside the lungs: the ordinary normalized value
						assertEquals(expected, norm[i], 1e-6);
						kept++;
					}
					else if (norm[i] == -7f) {
						filled++;
						// filled voxels are further than 4 mm (2 voxels) from every lung voxel: check the 5x5x5 box
						for (int dz = -2; dz <= 2; dz++)
							for (int dy = -2; dy <= 2; dy++)
								for (int dx = -2; dx <= 2; dx++) {
									final int xx = x + dx, yy = y + dy, zz = z + dz;
									if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz || 4 * (dx * dx + dy * dy + dz * dz) > 16) continue;
									assertEquals(0f, lungs[(zz * ny + yy) * nx + xx], "a voxel within 4 mm of the lungs was filled at " + x + "," + y + "," + z);
								}
					}
					else assertEquals(expected, norm[i], 1e-6);
				}
		assertTrue(kept > 1000 && filled > norm.length / 2, "kept " + kept + ", filled " + filled);
		final String report = Files.readString(out.resolve("report.json"));
		assertTrue(report.contains("\"mask_margin_mm\": 4.0") && report.contains("\"mask_fill\": -7.0"), report);
		// the reported mean is the mean of the array as written, fill included
		final java.util.regex.Matcher mean = java.util.regex.Pattern.compile("\"normalized_mean\": ([-0-9.eE]+)").matcher(report);
		assertTrue(mean.find(), report);
		double sum = 0;
		for (final float v : norm)
			sum += v;
		assertEquals(sum / norm.length, Double.parseDouble(mean.group(1)), 1e-6);
		final Run alone = run("preprocess", phantom.resolve("dicom").toString(), tmp.resolve("fill-alone").toString(), "--mask-fill", "1");
		assertEquals(1, alone.code);
		assertTrue(alone.err.contains("--mask-fill needs --mask"), alone.err);
		assertFalse(Files.exists(tmp.resolve("fill-alone")));
	}

	private static float[] floats(final Volume<?> v) {
		final java.util.List<Float> out = new java.util.ArrayList<>();
		// (x, y, z) image iterated x fastest: the same order as numpy's (z, y, x) C order
		for (final net.imglib2.type.numeric.RealType<?> t : net.imglib2.view.Views.flatIterable((net.imglib2.RandomAccessibleInterval<? extends net.imglib2.type.numeric.RealType<?>>) v.image()))
			out.add((float) t.getRealDouble());
		final float[] a = new float[out.size()];
		for (int i = 0; i < a.length; i++)
			a[i] = out.get(i);
		return a;
	}

	@Test
	void niftiAndMetaImageInputs() throws IOException {
		final Path nii = tmp.resolve("vol/ct.nii.gz"), mhd = tmp.resolve("vol/ct.mhd");
		assertEquals(0, run("convert", phantom.resolve("dicom").toString(), nii.toString()).code);
		assertEquals(0, run("convert", nii.toString(), mhd.toString()).code);
		final Run info = run("info", mhd.toString(), "--json");
		assertEquals(0, info.code, info.err);
		assertTrue(info.out.contains("\"shape_zyx\": [40, 80, 96]"), info.out);
		final Run r = run("preprocess", mhd.toString(), tmp.resolve("from-mhd").toString(), "--spacing", "4", "--no-qc", "-q");
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("lungs"), r.out);
	}

	@Test
	void preprocessNeverWritesIntoTheInput() throws IOException {
		final Path input = phantom.resolve("dicom");
		final long before;
		try (Stream<Path> s = Files.list(input)) {
			before = s.count();
		}
		final Run r = run("preprocess", input.toString(), input.resolve("out").toString(), "-q");
		assertEquals(1, r.code);
		assertTrue(r.err.contains("inside the input"), r.err);
		try (Stream<Path> s = Files.list(input)) {
			assertEquals(before, s.count());
		}
	}

	@Test
	void batchRunsRecordsFailuresResumesAndComputesTheMean() throws IOException {
		final Path cohort = Files.createDirectories(tmp.resolve("cohort"));
		copyTree(phantom.resolve("dicom"), cohort.resolve("p1"));
		copyTree(phantom.resolve("dicom"), cohort.resolve("p2"));
		Files.createDirectories(cohort.resolve("bad"));
		try (Stream<Path> s = Files.list(phantom.resolve("dicom"))) {
			final byte[] all = Files.readAllBytes(s.sorted().findFirst().orElseThrow());
			Files.write(cohort.resolve("bad/broken.dcm"), java.util.Arrays.copyOf(all, all.length / 3));
		}
		final Path out = tmp.resolve("batch");
		final Run r = run("batch", cohort.toString(), out.toString(), "--spacing", "3", "--no-qc", "-q", "--compute-mean");
		assertEquals(1, r.code, "a failed patient makes the exit code 1:\n" + r.out + r.err);
		final String manifest = Files.readString(out.resolve("manifest.csv"));
		assertTrue(manifest.contains("p1,ok") && manifest.contains("p2,ok") && manifest.contains("bad,failed"), manifest);
		assertTrue(manifest.contains("broken.dcm"), "the error names the file: " + manifest);
		assertTrue(Files.isRegularFile(out.resolve("mean.json")));
		assertTrue(Files.isRegularFile(out.resolve("p1/normalized.npy")));
		final Run again = run("batch", cohort.toString(), out.toString(), "--spacing", "3", "--no-qc", "-q");
		assertTrue(again.out.contains("2 already done"), again.out);
		final Run withMean = run("preprocess", phantom.resolve("dicom").toString(), tmp.resolve("with-mean").toString(), "--spacing", "4", "--no-qc", "-q",
			"--mean", out.resolve("mean.json").toString());
		assertEquals(0, withMean.code, withMean.err);
		// shards: 2 of 3 patients in shard 1/2 (sorted: bad, p1, p2 -> bad and p2), merge joins them
		final Path sharded = tmp.resolve("sharded");
		run("batch", cohort.toString(), sharded.toString(), "--spacing", "4", "--no-qc", "-q", "--shard", "1/2");
		run("batch", cohort.toString(), sharded.toString(), "--spacing", "4", "--no-qc", "-q", "--shard", "2/2");
		assertTrue(Files.isRegularFile(sharded.resolve("manifest-shard-1-of-2.csv")) && Files.isRegularFile(sharded.resolve("manifest-shard-2-of-2.csv")));
		final Run merged = run("batch", "--merge", sharded.toString(), "--compute-mean");
		assertTrue(merged.out.contains("merged 3 patients"), merged.out + merged.err);
		// the cohort mean comes from the merged manifest (both shards), not from one shard
		assertTrue(merged.out.contains("over 2 patients"), merged.out);
		assertTrue(Files.isRegularFile(sharded.resolve("mean.json")));
		final Run shardMean = run("batch", cohort.toString(), tmp.resolve("shard-mean").toString(), "--no-qc", "-q", "--shard", "1/2", "--compute-mean");
		assertEquals(1, shardMean.code);
		assertTrue(shardMean.err.contains("--compute-mean with --shard") && shardMean.err.contains("--merge"), shardMean.err);
		assertFalse(Files.exists(tmp.resolve("shard-mean")), "refused before anything is written");
	}

	@Test
	void surfaceWritesAMeshAndAPicture() throws IOException {
		final Path stl = tmp.resolve("surface/bone.stl"), png = tmp.resolve("surface/bone.png");
		final Run r = run("surface", phantom.resolve("dicom").toString(), "--threshold", "400", "--out", stl.toString(), "--png", png.toString(), "--size", "200");
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("triangles"), r.out);
		final byte[] b = Files.readAllBytes(stl);
		final long triangles = java.nio.ByteBuffer.wrap(b, 80, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
		assertTrue(triangles > 100, "the spine at 400 HU: " + triangles);
		assertEquals(84 + 50 * triangles, b.length, "binary STL size");
		final java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
		assertEquals(200, img.getWidth());
		final Run none = run("surface", phantom.resolve("dicom").toString(), "--threshold", "5000", "--png", tmp.resolve("surface/none.png").toString());
		assertEquals(1, none.code);
		assertTrue(none.err.contains("no surface at 5000"), none.err);
	}

	private static void copyTree(final Path from, final Path to) throws IOException {
		Files.createDirectories(to);
		try (Stream<Path> s = Files.list(from)) {
			for (final Path p : (Iterable<Path>) s::iterator)
				Files.copy(p, to.resolve(p.getFileName()));
		}
	}
}

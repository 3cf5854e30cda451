package org.lungprep.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lungprep.testutil.TestData;

/**
 * The real ImageJ 1.x application (net.imagej:ij from Maven Central, started as {@code java -jar ij.jar -batch}) with
 * the packaged plugin jar and its dependencies in a fresh plugins folder, under a virtual display (Xvfb): the menu entry
 * exists and a macro opens the CPTAC series in HU with its calibration.
 */
@Tag("e2e")
class ImageJApplicationIT {

	static Path home;
	static Path ijJar;

	@BeforeAll
	static void installPlugin() throws IOException {
		if (!onPath("xvfb-run")) {
			final String msg = "xvfb-run not found (apt-get install xvfb): the real ImageJ application needs a display";
			if ("1".equals(System.getenv("LUNGPREP_REQUIRE_DATA"))) throw new AssertionError(msg);
			Assumptions.assumeTrue(false, msg);
		}
		home = Files.createDirectories(Paths.get("target", "imagej-e2e").toAbsolutePath());
		final Path plugins = Files.createDirectories(home.resolve("plugins"));
		try (Stream<Path> s = Files.list(plugins)) {
			for (final Path p : (Iterable<Path>) s::iterator)
				Files.delete(p);
		}
		final List<Path> jars = new ArrayList<>();
		try (Stream<Path> s = Files.list(Paths.get("target"))) {
			s.filter(p -> p.getFileName().toString().matches("LungPrep_-.*\\.jar") && !p.getFileName().toString().contains("-sources") && !p.getFileName().toString().contains("-tests")).forEach(jars::add);
		}
		assertEquals(1, jars.size(), "the packaged plugin jar (run mvn verify): " + jars);
		Files.copy(jars.get(0), plugins.resolve(jars.get(0).getFileName()));
		for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			final Path p = Paths.get(entry);
			final String name = p.getFileName().toString();
			if (name.startsWith("ij-") && name.endsWith(".jar")) ijJar = p;
			else if (name.endsWith(".jar") && (name.startsWith("imglib2-") || name.startsWith("picocli-") || name.startsWith("scijava-common-")
				|| name.startsWith("parsington-") || name.startsWith("imageio-") || name.startsWith("common-lang") || name.startsWith("jai-imageio")))
				Files.copy(p, plugins.resolve(name));
		}
		assertTrue(ijJar != null, "ij.jar on the test class path");
	}

	static boolean onPath(final String cmd) {
		for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			if (Files.isExecutable(Paths.get(dir, cmd))) return true;
		return false;
	}

	/** Runs a macro in the real ImageJ in batch mode and returns what it printed. */
	static String runMacro(final String name, final String macro) throws IOException, InterruptedException {
		final Path file = home.resolve(name + ".ijm");
		Files.write(file, macro.getBytes(StandardCharsets.UTF_8));
		final Path log = home.resolve(name + ".log");
		final Process p = new ProcessBuilder("xvfb-run", "-a", "java", "-Xmx2g", "-Dplugins.dir=" + home, "-jar", ijJar.toString(), "-batch", file.toString())
			.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!p.waitFor(180, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("ImageJ did not finish within 180 s: " + Files.readString(log));
		}
		return Files.readString(log);
	}

	@Test
	void menuEntryExistsAndOpenCtSeriesLoadsTheCptacSeriesInHu() throws Exception {
		final Path cptac = TestData.cptac().toAbsolutePath();
		final String out = runMacro("open", String.join("\n",
			"List.setCommands;",
			"print(\"menu=\" + List.get(\"Open CT Series...\"));",
			"run(\"Open CT Series...\", \"folder=[" + cptac + "] series=[]\");",
			"getVoxelSize(w, h, d, unit);",
			"print(\"slices=\" + nSlices + \" width=\" + getWidth() + \" pw=\" + w + \" pd=\" + d + \" unit=\" + unit);",
			"setSlice(50);",
			"print(\"hu=\" + getValue(256, 256));"));
		assertTrue(out.contains("menu=org.lungprep.ij1.CommandPlugIn(\"org.lungprep.commands.OpenCtSeriesCommand\")"), out);
		assertTrue(out.contains("slices=99 width=512 pw=0.5645 pd=3 unit=mm"), out);
		// slice 50 (1-based) is z index 49; its HU at (256, 256) is checked against the stored HU of that slice
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile("hu=(-?\\d+)").matcher(out);
		assertTrue(m.find(), out);
		final int hu = Integer.parseInt(m.group(1));
		assertTrue(hu >= -1024 && hu <= 3071, "a HU value: " + hu);
	}

	@Test
	void surfaceWithoutFijisViewerOpensARenderedPicture() throws Exception {
		final Path cptac = TestData.cptac().toAbsolutePath();
		final String out = runMacro("surface", String.join("\n",
			"run(\"Open CT Series...\", \"folder=[" + cptac + "] series=[]\");",
			"run(\"Show Surface in 3D...\", \"threshold=400 step=3 turntable=4\");",
			"print(\"title=\" + getTitle() + \" bits=\" + bitDepth() + \" frames=\" + nSlices + \" images=\" + nImages);"));
		assertTrue(out.contains("surface bits=24 frames=4 images=2"), out);
	}

	@Test
	void everyMenuEntryExists() throws Exception {
		final String out = runMacro("menu", String.join("\n", "List.setCommands;",
			"names = newArray(\"Open CT Series...\", \"Convert to HU\", \"Resample Isotropic...\", \"Segment Lungs...\", \"Normalize...\", \"Show Surface in 3D...\", \"Export Surface...\",",
			"  \"Preprocess Chest CT...\", \"Batch Preprocess Folder...\");",
			"for (i = 0; i < names.length; i++) print(names[i] + \"=\" + List.get(names[i]));"));
		for (final String name : new String[] { "Open CT Series...", "Convert to HU", "Resample Isotropic...", "Segment Lungs...", "Normalize...", "Show Surface in 3D...",
			"Export Surface...", "Preprocess Chest CT...", "Batch Preprocess Folder..." })
			assertTrue(out.contains(name + "=org.lungprep.ij1.CommandPlugIn(\"org.lungprep.commands."), name + " in\n" + out);
	}

	@Test
	void tutorialStepByStepMacroRuns() throws Exception {
		final Path macro = Paths.get("macros", "Tutorial_Step_By_Step.ijm").toAbsolutePath();
		final Path log = home.resolve("tutorial.log");
		final Process p = new ProcessBuilder("xvfb-run", "-a", "java", "-Xmx3g", "-Dplugins.dir=" + home, "-jar", ijJar.toString(), "-batch", macro.toString(),
			TestData.cptac().toAbsolutePath().toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished");
		final String out = Files.readString(log);
		// 99 slices of 3 mm resampled to 1 mm: 297 slices; the tutorial's lung volume on CPTAC is 4622 mL
		assertTrue(out.contains("lungs: ") && out.contains("297 slices"), out);
		assertTrue(out.contains("normalized: ") && out.contains("32-bit"), out);
		assertTrue(out.contains("LungPrep lungs") && out.contains("4622 mL"), out);
	}

	@Test
	void preprocessFolderMacroRunsOverACohort() throws Exception {
		final Path cohort = Files.createDirectories(home.resolve("cohort"));
		final Path patient = cohort.resolve("patient01");
		if (!Files.exists(patient)) Files.createSymbolicLink(patient, TestData.cptac().toAbsolutePath());
		final Path output = home.resolve("prep");
		if (Files.exists(output)) org.lungprep.pipeline.AtomicFiles.deleteTree(output);
		final Path macro = Paths.get("macros", "Preprocess_Folder.ijm").toAbsolutePath();
		final Path log = home.resolve("folder.log");
		final Process p = new ProcessBuilder("xvfb-run", "-a", "java", "-Xmx3g", "-Dplugins.dir=" + home, "-jar", ijJar.toString(), "-batch", macro.toString(),
			"input=[" + cohort + "] output=[" + output + "]").redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished");
		final String out = Files.readString(log);
		assertTrue(out.contains("LungPrep: done"), out);
		final String manifest = Files.readString(output.resolve("manifest.csv"));
		assertTrue(manifest.contains("patient01,ok"), manifest);
		assertTrue(manifest.contains("297x289x289"), "resampled shape in the manifest: " + manifest);
		for (final String f : new String[] { "hu.npy", "resampled.npy", "lungs.npy", "normalized.npy", "report.json", "qc.png" })
			assertTrue(Files.isRegularFile(output.resolve("patient01").resolve(f)), f);
	}

	/**
	 * A user's dialog run with the Macro Recorder on (ImageJ with its windows, under Xvfb; see RecorderReplay): the
	 * recorded line replays to the identical result. The same run saves screenshots under target/screenshots.
	 */
	@Test
	void recordedDialogRunReplaysIdenticallyAndScreenshots() throws Exception {
		final StringBuilder cp = new StringBuilder(ijJar.toString()).append(File.pathSeparator).append(Paths.get("target", "test-classes").toAbsolutePath());
		try (Stream<Path> s = Files.list(home.resolve("plugins"))) {
			for (final Path p : (Iterable<Path>) s::iterator)
				cp.append(File.pathSeparator).append(p);
		}
		final Path shots = Paths.get("target", "screenshots").toAbsolutePath();
		final Path log = home.resolve("recorder.log");
		final Process p = new ProcessBuilder("xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", "java", "-Xmx3g", "-Dplugins.dir=" + home, "-cp", cp.toString(),
			"org.lungprep.ij1.RecorderReplay", TestData.cptac().toAbsolutePath().toString(), shots.toString()).redirectErrorStream(true)
				.redirectOutput(log.toFile()).start();
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished");
		final String out = Files.readString(log);
		assertTrue(out.contains("recorded: run(\"Resample Isotropic...\", \"spacing=4 interpolation=linear grid=physical\");"), out);
		assertTrue(out.contains("replay identical: true"), out);
		assertTrue(out.contains("menu entries: Open CT Series...;Convert to HU;"), out);
		assertTrue(Files.size(shots.resolve("plugins-lungprep-menu.png")) > 5_000, "menu screenshot");
		// the segmented slice at full size (512 x 512 at 100 %) with the red lung overlay on it
		final java.awt.image.BufferedImage seg = javax.imageio.ImageIO.read(shots.resolve("segmented-result.png").toFile());
		assertTrue(seg.getWidth() >= 512 && seg.getHeight() >= 512, "segmented screenshot size " + seg.getWidth() + "x" + seg.getHeight());
		int red = 0;
		for (int y = 0; y < seg.getHeight(); y++)
			for (int x = 0; x < seg.getWidth(); x++) {
				final int rgb = seg.getRGB(x, y), r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff;
				if (r > g + 40) red++;
			}
		final java.util.regex.Matcher lung = java.util.regex.Pattern.compile("overlay lung pixels: (\\d+)").matcher(out);
		assertTrue(lung.find(), out);
		final int expected = Integer.parseInt(lung.group(1));
		assertTrue(expected > 20_000 && expected < 0.4 * 512 * 512, "the middle slice's lungs, not the whole slice: " + expected);
		// red where the mask is, nowhere else (within the overlay's soft edges and the window's own pixels)
		assertEquals(expected, red, 0.1 * expected, "red pixels in the screenshot vs lung pixels in the mask");
	}

	@Test
	void numberOutsideTheDeclaredRangeGivesOneClearMessageAndStopsTheMacro() throws Exception {
		final String out = runMacro("range", "newImage(\"t\", \"16-bit black\", 32, 32, 4);\n"
			+ "run(\"Resample Isotropic...\", \"spacing=50 interpolation=linear grid=physical\");\nprint(\"after=reached\");");
		assertTrue(out.contains("Resample Isotropic: spacing=50 is above the maximum 20.0"), out);
		assertTrue(!out.contains("after=reached"), "the macro stops: " + out);
		assertTrue(!out.contains("Exception"), "no stack trace: " + out);
	}

	@Test
	void badFolderGivesOneClearMessageAndStopsTheMacro() throws Exception {
		final String out = runMacro("bad", "run(\"Open CT Series...\", \"folder=/no/such/folder series=[]\");\nprint(\"after=reached\");");
		assertTrue(out.contains("Open CT Series: No such folder"), out);
		assertTrue(!out.contains("after=reached"), "the macro stops: " + out);
		assertTrue(!out.contains("Exception"), "no stack trace: " + out);
	}
}

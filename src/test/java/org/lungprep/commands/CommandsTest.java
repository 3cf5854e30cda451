package org.lungprep.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungprep.ij1.ImagePlusVolumes;
import org.lungprep.phantom.ChestPhantom;
import org.lungprep.phantom.PhantomCase;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.IJ;
import ij.ImagePlus;

/** The SciJava commands through a Context with the CommandService, headless (as scripts and PyImageJ run them). */
class CommandsTest {

	static Context context;
	static CommandService commands;
	static ImagePlus ct;

	@BeforeAll
	static void setUp() {
		context = new Context(CommandService.class);
		commands = context.getService(CommandService.class);
		final PhantomCase ph = ChestPhantom.builder().shape(96, 96, 32).spacing(3.5, 3.5, 10).build();
		ct = ImagePlusVolumes.toImagePlus(ph.hu(), "phantom");
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	private static CommandModule run(final Class<? extends Command> c, final Object... args) throws Exception {
		return commands.run(c, true, args).get();
	}

	/** Every command that takes a CT refuses null, 2-D and wrong-type input with the same clear reason. */
	@Test
	void everyImageCommandCancelsCleanlyOnBadInput() throws Exception {
		final ImagePlus flat = IJ.createImage("flat", "16-bit black", 16, 16, 1);
		final ImagePlus rgb = IJ.createImage("rgb", "RGB black", 16, 16, 4);
		final List<Class<? extends Command>> imageCommands = List.of(ConvertToHu.class, ResampleIsotropic.class, SegmentLungs.class, NormalizeCt.class,
			ShowSurface.class, ExportSurface.class);
		final Map<ImagePlus, String> cases = new java.util.LinkedHashMap<>();
		cases.put(flat, CtCommand.NOT_3D);
		cases.put(rgb, CtCommand.NOT_16_BIT);
		for (final Class<? extends Command> c : imageCommands) {
			final CommandModule none = run(c, "input", null);
			assertTrue(none.isCanceled(), c.getSimpleName() + " on no image");
			assertEquals(CtCommand.NO_IMAGE, none.getCancelReason(), c.getSimpleName());
			for (final Map.Entry<ImagePlus, String> e : cases.entrySet()) {
				final CommandModule m = run(c, "input", e.getKey());
				assertTrue(m.isCanceled(), c.getSimpleName() + " on " + e.getKey().getTitle());
				assertEquals(e.getValue(), m.getCancelReason());
			}
		}
		final CommandModule open = run(OpenCtSeriesCommand.class, "folder", new java.io.File("/no/such/folder"), "series", "");
		assertTrue(open.isCanceled());
		assertTrue(open.getCancelReason().contains("/no/such/folder"), open.getCancelReason());
		final CommandModule noFolder = run(OpenCtSeriesCommand.class, "folder", null, "series", "");
		assertTrue(noFolder.isCanceled(), "Open CT Series without a folder");
		// SciJava's own check of required inputs names the parameter (its macro key)
		assertEquals("'folder' is required but unset.", noFolder.getCancelReason());
		// the folder commands: missing input/output, and a file where a cohort folder is needed
		final java.io.File out = java.nio.file.Files.createTempDirectory("lungprep-cmd").resolve("out").toFile();
		final java.io.File aFile = java.io.File.createTempFile("lungprep-cmd", ".txt");
		aFile.deleteOnExit();
		for (final Class<? extends Command> c : List.of(PreprocessChestCt.class, PreprocessChestCt.Batch.class)) {
			final Object[][] folderCases = { { null, out, "'input' is required but unset." }, { out.getParentFile(), null, "'output' is required but unset." },
				{ new java.io.File("/no/such/cohort"), out, "/no/such/cohort" } };
			for (final Object[] in : folderCases) {
				final CommandModule m = run(c, "input", in[0], "output", in[1], "spacing", 1.0, "segmentation", "robust");
				assertTrue(m.isCanceled(), c.getSimpleName() + " on input " + in[0] + " output " + in[1]);
				assertTrue(m.getCancelReason().contains((String) in[2]), c.getSimpleName() + ": " + m.getCancelReason());
			}
		}
		final CommandModule batchOnFile = run(PreprocessChestCt.Batch.class, "input", aFile, "output", out, "spacing", 1.0, "segmentation", "robust");
		assertTrue(batchOnFile.isCanceled() && batchOnFile.getCancelReason().contains(aFile.getPath()), batchOnFile.getCancelReason());
		assertFalse(out.exists(), "nothing written when cancelled");
	}

	@Test
	void stepsProduceCalibratedImages() throws Exception {
		final ImagePlus iso = (ImagePlus) run(ResampleIsotropic.class, "input", ct, "spacing", 4.0, "interpolation", "linear", "grid", "physical").getOutput("output");
		assertNotNull(iso);
		assertEquals(4.0, iso.getCalibration().pixelDepth, 1e-9);
		assertEquals(16, iso.getBitDepth());
		final CommandModule seg = run(SegmentLungs.class, "input", iso, "method", "robust", "fill", true, "labels", true);
		assertFalse(seg.isCanceled(), seg.getCancelReason());
		final ImagePlus lungs = (ImagePlus) seg.getOutput("output");
		assertEquals(8, lungs.getBitDepth());
		assertEquals(iso.getStackSize(), lungs.getStackSize());
		assertEquals(2, (int) new ij.process.StackStatistics(lungs).max, "labels 1 and 2");
		final ImagePlus norm = (ImagePlus) run(NormalizeCt.class, "input", iso, "min", -1000.0, "max", 400.0, "mean", 0.25).getOutput("output");
		assertEquals(32, norm.getBitDepth());
		final ImagePlus surface = (ImagePlus) run(ShowSurface.class, "input", iso, "threshold", 400.0, "step", 1, "turntable", 0).getOutput("output");
		assertNotNull(surface, "headless: a rendered picture instead of the 3D Viewer");
		assertEquals(24, surface.getBitDepth());
		final java.nio.file.Path stl = java.nio.file.Files.createTempDirectory("lungprep-cmd").resolve("bone.stl");
		final CommandModule export = run(ExportSurface.class, "input", iso, "threshold", 400.0, "step", 1, "file", stl.toFile());
		assertFalse(export.isCanceled(), export.getCancelReason());
		// binary STL: 80-byte header, uint32 count, 50 bytes per triangle
		final byte[] bytes = java.nio.file.Files.readAllBytes(stl);
		final long triangles = java.nio.ByteBuffer.wrap(bytes, 80, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
		assertTrue(triangles > 100, "bone triangles: " + triangles);
		assertEquals(84 + 50 * triangles, bytes.length);
		final CommandModule nothing = run(ExportSurface.class, "input", iso, "threshold", 5000.0, "step", 1, "file", stl.resolveSibling("none.stl").toFile());
		assertTrue(nothing.isCanceled() && nothing.getCancelReason().startsWith("No surface at 5000"), nothing.getCancelReason());
	}
}

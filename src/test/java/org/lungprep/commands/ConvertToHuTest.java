package org.lungprep.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungprep.testutil.TestData;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.ImagePlus;
import ij.plugin.FolderOpener;

/**
 * A stack opened by ImageJ's own File > Import > Image Sequence (sorted by InstanceNumber, one spacing for all) becomes
 * the same HU volume, in the same order and with the same geometry, as Open CT Series gives.
 */
class ConvertToHuTest {

	static Context context;
	static CommandService commands;

	@BeforeAll
	static void setUp() {
		context = new Context(CommandService.class);
		commands = context.getService(CommandService.class);
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	@Test
	void imageSequenceStackMatchesOpenCtSeries() throws Exception {
		final ImagePlus sequence = FolderOpener.open(TestData.cptac().toString(), "");
		assertEquals(99, sequence.getStackSize());
		final CommandModule converted = commands.run(ConvertToHu.class, true, "input", sequence).get();
		assertFalse(converted.isCanceled(), converted.getCancelReason());
		final ImagePlus hu = (ImagePlus) converted.getOutput("output");
		final ImagePlus ours = (ImagePlus) commands.run(OpenCtSeriesCommand.class, true, "folder", TestData.cptac().toFile(), "series", "").get().getOutput("output");
		assertEquals(ours.getStackSize(), hu.getStackSize());
		assertEquals(ours.getCalibration().pixelDepth, hu.getCalibration().pixelDepth, 1e-9);
		assertEquals(ours.getCalibration().zOrigin, hu.getCalibration().zOrigin, 1e-6);
		assertEquals(ours.getProp("LungPrep.direction"), hu.getProp("LungPrep.direction"));
		for (int z = 1; z <= hu.getStackSize(); z += 7)
			assertArrayEquals((short[]) ours.getStack().getPixels(z), (short[]) hu.getStack().getPixels(z), "slice " + z);
		// ImageJ put the top slice (InstanceNumber 1, z = +6 mm) first: the stack was reversed along the normal
		assertTrue(hu.getProp("LungPrep.warnings").contains("not in position order"), hu.getProp("LungPrep.warnings"));
	}

	@Test
	void everyCommandAcceptsAnImageSequenceStack() throws Exception {
		final ImagePlus sequence = FolderOpener.open(TestData.cptac().toString(), "");
		final ImagePlus ours = (ImagePlus) commands.run(OpenCtSeriesCommand.class, true, "folder", TestData.cptac().toFile(), "series", "").get().getOutput("output");
		final Object[] args = { "spacing", 4.0, "interpolation", "linear", "grid", "physical" };
		final ImagePlus a = (ImagePlus) commands.run(ResampleIsotropic.class, true, concat("input", sequence, args)).get().getOutput("output");
		final ImagePlus b = (ImagePlus) commands.run(ResampleIsotropic.class, true, concat("input", ours, args)).get().getOutput("output");
		assertEquals(b.getStackSize(), a.getStackSize());
		assertEquals(b.getProp("LungPrep.origin"), a.getProp("LungPrep.origin"));
		for (int z = 1; z <= a.getStackSize(); z += 9)
			assertArrayEquals((short[]) b.getStack().getPixels(z), (short[]) a.getStack().getPixels(z), "slice " + z);
	}

	private static Object[] concat(final String key, final Object value, final Object[] rest) {
		final Object[] all = new Object[rest.length + 2];
		all[0] = key;
		all[1] = value;
		System.arraycopy(rest, 0, all, 2, rest.length);
		return all;
	}

	@Test
	void stacksWithoutHeadersAreRefused() throws Exception {
		final ImagePlus plain = ij.IJ.createImage("plain", "16-bit black", 8, 8, 4);
		final CommandModule m = commands.run(ConvertToHu.class, true, "input", plain).get();
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("Image Position"), m.getCancelReason());
	}
}

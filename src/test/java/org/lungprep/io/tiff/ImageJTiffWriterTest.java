package org.lungprep.io.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;

import ij.ImagePlus;
import ij.io.Opener;
import ij.measure.Calibration;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/** Files written by the pure-Java writer, opened by the real ImageJ 1.x reader. */
class ImageJTiffWriterTest {

	@TempDir
	Path tmp;

	private static final Geometry G = new Geometry(new double[] { 0.75, 0.5, 2.5 }, new double[] { -120, -90, -300 },
		new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });

	@Test
	void int16OpensAsHuWithCalibration() throws IOException {
		final PlanarImg<ShortType, ?> img = Planar.shorts(7, 5, 3);
		int i = 0;
		for (final ShortType t : img)
			t.set((short) (-1024 + 97 * i++));
		final Path f = tmp.resolve("hu.tif");
		ImageJTiffWriter.write(new Volume<>(img, G, VolumeInfo.EMPTY), f);
		final ImagePlus imp = new Opener().openImage(f.toString());
		assertNotNull(imp, "ImageJ opens the file");
		assertEquals(7, imp.getWidth());
		assertEquals(5, imp.getHeight());
		assertEquals(3, imp.getStackSize());
		assertEquals(16, imp.getBitDepth());
		final Calibration c = imp.getCalibration();
		assertEquals("mm", c.getUnit());
		assertEquals(0.75, c.pixelWidth, 1e-6);
		assertEquals(0.5, c.pixelHeight, 1e-6);
		assertEquals(2.5, c.pixelDepth, 1e-9);
		assertEquals(-120, c.getX(0), 1e-6, "physical x of pixel 0");
		assertEquals(-90, c.getY(0), 1e-6);
		assertEquals(-300, c.getZ(0), 1e-6);
		i = 0;
		for (int z = 0; z < 3; z++)
			for (int y = 0; y < 5; y++)
				for (int x = 0; x < 7; x++)
					assertEquals(-1024 + 97 * i++, c.getCValue(imp.getStack().getProcessor(z + 1).get(x, y)), 1e-9, "HU at " + x + "," + y + "," + z);
	}

	@Test
	void uint8AndFloat32() throws IOException {
		final PlanarImg<UnsignedByteType, ?> mask = Planar.unsignedBytes(4, 4, 2);
		mask.randomAccess().setPositionAndGet(1, 2, 1).set(2);
		ImageJTiffWriter.write(new Volume<>(mask, G, VolumeInfo.EMPTY), tmp.resolve("m.tif"));
		final ImagePlus m = new Opener().openImage(tmp.resolve("m.tif").toString());
		assertEquals(8, m.getBitDepth());
		assertEquals(2, m.getStack().getProcessor(2).get(1, 2));
		assertEquals(0, m.getStack().getProcessor(1).get(1, 2));
		final PlanarImg<FloatType, ?> fl = Planar.floats(3, 2, 2);
		fl.randomAccess().setPositionAndGet(2, 1, 1).set(-0.25f);
		ImageJTiffWriter.write(new Volume<>(fl, G, VolumeInfo.EMPTY), tmp.resolve("f.tif"));
		final ImagePlus fi = new Opener().openImage(tmp.resolve("f.tif").toString());
		assertEquals(32, fi.getBitDepth());
		assertEquals(-0.25f, fi.getStack().getProcessor(2).getf(2, 1), 0f);
		assertEquals(2.5, fi.getCalibration().pixelDepth, 1e-9);
	}

	private static String description(final Path tif) throws IOException {
		final ij.io.FileInfo[] fi = new ij.io.TiffDecoder(tif.getParent().toString() + java.io.File.separator, tif.getFileName().toString()).getTiffInfo();
		return fi[0].description;
	}

	/**
	 * The same calibrated signed 16-bit stack saved by ImageJ's own FileSaver: the ImageJ description lines match ours
	 * line for line, in order, except the display range (min/max), which ImageJ writes and LungPrep leaves to ImageJ's
	 * auto-contrast on opening.
	 */
	@Test
	void descriptionMatchesWhatImageJWrites() throws IOException {
		final PlanarImg<ShortType, ?> img = Planar.shorts(7, 5, 3);
		img.randomAccess().setPositionAndGet(1, 1, 1).set((short) 700);
		final Path ours = tmp.resolve("ours.tif");
		ImageJTiffWriter.write(new Volume<>(img, G, VolumeInfo.EMPTY), ours);
		final ij.ImageStack stack = new ij.ImageStack(7, 5);
		for (int z = 0; z < 3; z++)
			stack.addSlice(new ij.process.ShortProcessor(7, 5));
		final ImagePlus imp = new ImagePlus("hu", stack);
		final Calibration c = imp.getCalibration();
		c.setUnit("mm");
		c.pixelWidth = 0.75;
		c.pixelHeight = 0.5;
		c.pixelDepth = 2.5;
		c.xOrigin = 120 / 0.75;
		c.yOrigin = 90 / 0.5;
		c.zOrigin = 300 / 2.5;
		c.setSigned16BitCalibration();
		c.setValueUnit("HU");
		final Path theirs = tmp.resolve("imagej.tif");
		assertTrue(new ij.io.FileSaver(imp).saveAsTiffStack(theirs.toString()));
		final java.util.List<String> a = java.util.Arrays.asList(description(ours).split("\n"));
		final java.util.List<String> b = new java.util.ArrayList<>(java.util.Arrays.asList(description(theirs).split("\n")));
		b.removeIf(line -> line.startsWith("min=") || line.startsWith("max="));
		assertEquals(b, a);
	}

	/** A lazy (converted, offset) view is written slice by slice, and a single slice is a plain image. */
	@Test
	@SuppressWarnings({ "unchecked", "rawtypes" })
	void viewsAndSingleSlices() throws IOException {
		final PlanarImg<ShortType, ?> img = Planar.shorts(6, 4, 5);
		int i = 0;
		for (final ShortType t : img)
			t.set((short) (i++ - 50));
		final net.imglib2.RandomAccessibleInterval<FloatType> view = net.imglib2.converter.Converters.convert(
			(net.imglib2.RandomAccessibleInterval) net.imglib2.view.Views.zeroMin(net.imglib2.view.Views.interval(img, new long[] { 0, 0, 2 }, new long[] { 5, 3, 4 })),
			(a, b) -> ((FloatType) b).set(((ShortType) a).get() * 0.5f), new FloatType());
		ImageJTiffWriter.write(new Volume<>(view, G, VolumeInfo.EMPTY), tmp.resolve("v.tif"));
		final ImagePlus v = new Opener().openImage(tmp.resolve("v.tif").toString());
		assertEquals(3, v.getStackSize());
		assertEquals((6 * 4 * 3 + 6 * 1 + 2 - 50) * 0.5f, v.getStack().getProcessor(2).getf(2, 1), 0f);
		ImageJTiffWriter.write(new Volume<>(net.imglib2.view.Views.zeroMin(net.imglib2.view.Views.interval(img, new long[] { 0, 0, 4 }, new long[] { 5, 3, 4 })), G, VolumeInfo.EMPTY),
			tmp.resolve("one.tif"));
		final ImagePlus one = new Opener().openImage(tmp.resolve("one.tif").toString());
		assertEquals(1, one.getStackSize());
		assertEquals(6 * 4 * 4 + 6 + 1 - 50, one.getCalibration().getCValue(one.getProcessor().get(1, 1)), 0);
	}
}

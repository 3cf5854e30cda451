package org.lungprep.io.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
}

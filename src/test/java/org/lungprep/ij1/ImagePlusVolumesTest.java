package org.lungprep.ij1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;

import ij.ImagePlus;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/** HU round trip through ImagePlus, calibration in mm and HU, arrays shared where the encoding allows. Headless. */
class ImagePlusVolumesTest {

	private static final Geometry G = new Geometry(new double[] { 0.7, 0.6, 2.5 }, new double[] { -150, -120.5, -310 },
		new double[] { 0, 1, 0, 1, 0, 0, 0, 0, -1 });

	@Test
	void huRoundTripIsLosslessAndReadsAsHuInImageJ() {
		final PlanarImg<ShortType, ?> img = Planar.shorts(6, 5, 4);
		int i = 0;
		for (final ShortType t : img)
			t.set((short) (-1024 + 37 * i++));
		final Volume<ShortType> v = new Volume<>(img, G, VolumeInfo.ofSource("test").withSeriesUid("1.2.3").withWarning("uneven slice spacing"));
		final ImagePlus imp = ImagePlusVolumes.toImagePlus(v, "hu");
		assertEquals(16, imp.getBitDepth());
		assertEquals(4, imp.getStackSize());
		assertEquals(-1024 + 37 * 7, imp.getCalibration().getCValue(imp.getStack().getProcessor(1).get(1, 1)), 1e-9, "pixel values read as HU");
		assertEquals("mm", imp.getCalibration().getUnit());
		assertEquals(0.7, imp.getCalibration().pixelWidth, 0);
		assertEquals(2.5, imp.getCalibration().pixelDepth, 0);
		final Volume<ShortType> back = ImagePlusVolumes.huVolume(imp);
		assertEquals(G, back.geometry());
		assertEquals("1.2.3", back.info().seriesUid());
		assertTrue(back.info().warnings().contains("uneven slice spacing"));
		for (int z = 0; z < 4; z++)
			assertArrayEquals((short[]) Planar.plane(img, z), (short[]) Planar.plane(Planar.asShorts(back.image()), z));
	}

	@Test
	void masksAndFloatsShareTheirArrays() {
		final PlanarImg<UnsignedByteType, ?> m = Planar.unsignedBytes(4, 3, 2);
		m.randomAccess().setPositionAndGet(1, 1, 1).set(2);
		final ImagePlus labels = ImagePlusVolumes.toLabelImagePlus(new Volume<>(m, G, VolumeInfo.EMPTY), "labels");
		assertSame(Planar.plane(m, 1), labels.getStack().getPixels(2), "8-bit wraps the slice array");
		assertEquals(2, labels.getStack().getProcessor(2).get(1, 1));
		final ImagePlus binary = ImagePlusVolumes.toBinaryImagePlus(new Volume<>(m, G, VolumeInfo.EMPTY), "mask");
		assertEquals(255, binary.getStack().getProcessor(2).get(1, 1));
		assertEquals(0, binary.getStack().getProcessor(2).get(0, 1));
		assertSame(labels.getStack().getPixels(2), Planar.plane(Planar.asUnsignedBytes(ImagePlusVolumes.byteVolume(labels).image()), 1));
		final PlanarImg<FloatType, ?> f = Planar.floats(4, 3, 2);
		final ImagePlus fi = ImagePlusVolumes.toFloatImagePlus(new Volume<>(f, G, VolumeInfo.EMPTY), "f");
		assertSame(Planar.plane(f, 0), fi.getStack().getPixels(1));
		assertEquals(G, ImagePlusVolumes.floatVolume(fi).geometry());
	}

	@Test
	void plainImageJStacksGetGeometryFromTheCalibration() {
		final ImagePlus imp = ij.IJ.createImage("plain", "16-bit black", 8, 8, 3);
		imp.getCalibration().setUnit("mm");
		imp.getCalibration().pixelWidth = 0.5;
		imp.getCalibration().pixelHeight = 0.5;
		imp.getCalibration().pixelDepth = 2;
		imp.getCalibration().xOrigin = 10;
		final Volume<ShortType> v = ImagePlusVolumes.huVolume(imp);
		assertArrayEquals(new double[] { 0.5, 0.5, 2 }, v.geometry().spacing(), 0);
		assertEquals(-5, v.geometry().origin()[0], 1e-12);
		assertThrows(IllegalArgumentException.class, () -> ImagePlusVolumes.byteVolume(imp));
	}
}

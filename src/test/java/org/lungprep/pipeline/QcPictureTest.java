package org.lungprep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;
import org.lungprep.mesh.MarchingCubes;
import org.lungprep.mesh.TriangleMesh;

class QcPictureTest {

	// body: an elliptic cylinder of soft tissue; lungs: two ellipsoids (right at -x in LPS, left at +x)
	static final double SX = 0.8, SY = 0.8, SZ = 2.5;
	static final int NX = 240, NY = 200, NZ = 80;
	/** lung semi-axes in mm (x, y, z) and centres */
	static final double AX = 30, AY = 45, AZ = 70;
	static final double[] RIGHT = { 96 - 45, 80, 100 }, LEFT = { 96 + 45, 80, 100 };

	static Volume<ShortType> hu;
	static Volume<UnsignedByteType> labels;

	@BeforeAll
	static void phantom() {
		System.setProperty("java.awt.headless", "true");
		final PlanarImg<ShortType, ?> h = Planar.shorts(NX, NY, NZ);
		final PlanarImg<UnsignedByteType, ?> m = Planar.unsignedBytes(NX, NY, NZ);
		for (int z = 0; z < NZ; z++) {
			final short[] hp = Planar.plane(h, z);
			final byte[] mp = Planar.plane(m, z);
			for (int y = 0; y < NY; y++)
				for (int x = 0; x < NX; x++) {
					final double px = x * SX, py = y * SY, pz = z * SZ;
					final boolean body = sq((px - 96) / 90) + sq((py - 80) / 70) < 1;
					final int lab = inside(RIGHT, px, py, pz) ? 1 : inside(LEFT, px, py, pz) ? 2 : 0;
					hp[y * NX + x] = (short) (lab > 0 ? -850 : body ? 40 : -1000);
					mp[y * NX + x] = (byte) lab;
				}
		}
		final Geometry g = Geometry.of(SX, SY, SZ);
		hu = new Volume<>(h, g, VolumeInfo.ofSource("qc phantom"));
		labels = new Volume<>(m, g, VolumeInfo.ofSource("qc phantom labels"));
	}

	static boolean inside(final double[] c, final double x, final double y, final double z) {
		return sq((x - c[0]) / AX) + sq((y - c[1]) / AY) + sq((z - c[2]) / AZ) < 1;
	}

	static double sq(final double v) { return v * v; }

	@Test
	void slicesAreAspectCorrectWithOutlinesOnTheRightSides(@TempDir final Path dir) throws Exception {
		final TriangleMesh bone = MarchingCubes.extract(hu, 0, 2, ProgressListener.NONE);
		final BufferedImage img = QcPicture.render(hu, labels, bone);
		assertEquals(800, img.getWidth());
		assertEquals(800, img.getHeight());
		ImageIO.write(img, "png", dir.resolve("qc.png").toFile());
		assertTrue(Files.size(dir.resolve("qc.png")) > 10_000);
		// one scale for all panels: 384 px over the largest extent (z: 80 * 2.5 = 200 mm)
		final double ppm = 384 / 200.0;
		// axial (top left): right lung (label 1, cyan) left of the left lung (label 2, green): radiological view
		final int[] rightAxial = box(img, 0, 0, 0x00E0FF), leftAxial = box(img, 0, 0, 0x00FF60);
		assertTrue(rightAxial[2] < leftAxial[0], "right lung drawn on the viewer's left");
		// widths in the axial slice through the lungs' centre (z = 100 mm, the ellipsoids' equator): 2 AX by 2 AY mm
		assertEquals(2 * AX * ppm, rightAxial[2] - rightAxial[0] + 1, 4);
		assertEquals(2 * AY * ppm, rightAxial[3] - rightAxial[1] + 1, 4);
		// coronal (top right): tall as the lungs are in z (2 AZ mm), though z voxels are 3x thicker than x voxels
		final int[] rightCoronal = box(img, 400, 0, 0x00E0FF);
		assertEquals(2 * AZ * ppm, rightCoronal[3] - rightCoronal[1] + 1, 6);
		assertEquals(2 * AX * ppm, rightCoronal[2] - rightCoronal[0] + 1, 4);
		// sagittal (bottom left): through the right lung's centre (the lower-x half of the mask), as tall as the lung
		final int[] rightSagittal = box(img, 0, 400, 0x00E0FF);
		assertEquals(2 * AZ * ppm, rightSagittal[3] - rightSagittal[1] + 1, 6);
		assertEquals(2 * AY * ppm, rightSagittal[2] - rightSagittal[0] + 1, 4);
		assertEquals(-1, box(img, 0, 400, 0x00FF60)[0], "the left lung is not in that plane");
		// lung window (level -600, width 1500): lung at -850 HU is grey 85, soft tissue at 40 HU grey 236;
		// 10 mm above the lung's apex (80 mm above its centre) is soft tissue
		assertEquals(85, grey(img.getRGB(200, 600)), 2);
		assertEquals(236, grey(img.getRGB(230, (int) (600 - 80 * ppm))), 2);
		// 3D panel (bottom right) has a rendered surface
		int lit = 0;
		for (int y = 420; y < 780; y++)
			for (int x = 420; x < 780; x++)
				if ((img.getRGB(x, y) & 0xFFFFFF) != 0) lit++;
		assertTrue(lit > 20000, "3D panel pixels " + lit);
	}

	@Test
	void worksWithoutMaskOrBoneAndChecksSizes() {
		final BufferedImage img = QcPicture.render(hu, null, null);
		assertEquals(800, img.getWidth());
		final Volume<UnsignedByteType> small = new Volume<>(Planar.unsignedBytes(10, 10, 10), Geometry.of(1, 1, 1), VolumeInfo.EMPTY);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QcPicture.render(hu, small, null));
		assertTrue(e.getMessage().contains("[10, 10, 10]"), e.getMessage());
	}

	/** Micro-CT-like spacing: the lung surface's block size is capped (at 0.05 mm it would be 30 voxels). */
	@Test
	void tinyVoxelsStillGetA3dPanel() {
		final Geometry g = Geometry.of(0.05, 0.05, 0.05);
		final PlanarImg<ShortType, ?> h = Planar.shorts(40, 40, 40);
		final PlanarImg<UnsignedByteType, ?> m = Planar.unsignedBytes(40, 40, 40);
		for (int z = 0; z < 40; z++) {
			final short[] ph = Planar.plane(h, z);
			final byte[] pm = Planar.plane(m, z);
			for (int i = 0; i < ph.length; i++) {
				final int x = i % 40, y = i / 40;
				final boolean in = (x - 20) * (x - 20) + (y - 20) * (y - 20) + (z - 20) * (z - 20) < 144;
				ph[i] = (short) (in ? -850 : 40);
				pm[i] = (byte) (in ? 1 : 0);
			}
		}
		final BufferedImage img = QcPicture.render(new Volume<>(h, g, VolumeInfo.EMPTY), new Volume<>(m, g, VolumeInfo.EMPTY), null);
		int lit = 0;
		for (int y = 420; y < 780; y++)
			for (int x = 420; x < 780; x++)
				if ((img.getRGB(x, y) & 0xFFFFFF) != 0) lit++;
		assertTrue(lit > 1000, "3D panel pixels " + lit);
	}

	@Test
	void lettersFollowTheDirection() {
		assertEquals("L", QcPicture.letter(new double[] { 1, 0, 0 }));
		assertEquals("A", QcPicture.letter(new double[] { 0.1, -0.9, 0.2 }));
		assertEquals("I", QcPicture.letter(new double[] { 0, 0.3, -0.5 }));
	}

	private static int grey(final int rgb) { return rgb & 0xff; }

	/** Bounding box {x0, y0, x1, y1} (panel pixels) of the pixels of exactly this colour in the panel at (px, py); -1s if none. */
	private static int[] box(final BufferedImage img, final int px, final int py, final int rgb) {
		final int[] b = { Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1 };
		for (int y = 0; y < 400; y++)
			for (int x = 0; x < 400; x++)
				if ((img.getRGB(px + x, py + y) & 0xFFFFFF) == rgb) {
					b[0] = Math.min(b[0], x);
					b[1] = Math.min(b[1], y);
					b[2] = Math.max(b[2], x);
					b[3] = Math.max(b[3], y);
				}
		return b[2] < 0 ? new int[] { -1, -1, -1, -1 } : b;
	}
}

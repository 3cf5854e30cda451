package org.lungprep.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.util.List;

import net.imglib2.parallel.Parallelization;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungprep.core.Geometry;
import org.lungprep.core.ProgressListener;

class MeshRendererTest {

	private static final int RED = 0xFF0000, GREEN = 0x00FF00, BLACK = 0;

	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	/** A ball of radius r (mm) at c, sampled at 0.5 mm. */
	static TriangleMesh ball(final double[] c, final double r) {
		final int n = (int) Math.ceil(2 * r / 0.5) + 6;
		final Geometry g = new Geometry(new double[] { 0.5, 0.5, 0.5 }, new double[] { c[0] - n * 0.25, c[1] - n * 0.25, c[2] - n * 0.25 },
			new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });
		return MarchingCubes.extract(Phantoms.sample(n, n, n, g, Phantoms.ball(c, r)), 0, 1, ProgressListener.NONE);
	}

	@Test
	void sphereCoversADiscOfTheExpectedRadius() {
		assertTrue(GraphicsEnvironment.isHeadless());
		final double r = 10, ppm = 8;
		final BufferedImage img = MeshRenderer.render(List.of(new ColoredMesh(ball(new double[] { 5, -3, 40 }, r), RED)),
			RenderSettings.DEFAULT.withSize(240, 200).withPixelsPerMm(ppm));
		assertEquals(240, img.getWidth());
		assertEquals(200, img.getHeight());
		long covered = 0;
		double sx = 0, sy = 0;
		for (int y = 0; y < img.getHeight(); y++)
			for (int x = 0; x < img.getWidth(); x++)
				if ((img.getRGB(x, y) & 0xFFFFFF) != BLACK) {
					covered++;
					sx += x + 0.5;
					sy += y + 0.5;
				}
		// orthographic: a disc of radius r * ppm pixels (80) around the picture centre
		final double expected = Math.PI * r * ppm * r * ppm;
		assertEquals(1, covered / expected, 0.02, covered + " pixels vs " + expected);
		assertEquals(120, sx / covered, 0.5);
		assertEquals(100, sy / covered, 0.5);
		// lit: the disc's centre faces the camera and is brighter than its rim
		final int centre = img.getRGB(120, 100) >> 16 & 0xff, rim = img.getRGB(120 + 77, 100) >> 16 & 0xff;
		assertTrue(centre > rim + 40, "centre " + centre + " rim " + rim);
	}

	@Test
	void nearerMeshHidesTheFartherWhateverTheOrder() {
		// LPS: anterior is -y, the default camera looks from anterior; the red ball is in front
		final ColoredMesh front = new ColoredMesh(ball(new double[] { 0, -20, 0 }, 6), RED);
		final ColoredMesh back = new ColoredMesh(ball(new double[] { 4, 10, 0 }, 8), GREEN);
		for (final List<ColoredMesh> scene : List.of(List.of(front, back), List.of(back, front))) {
			for (final RenderSettings.Projection p : RenderSettings.Projection.values()) {
				final BufferedImage img = MeshRenderer.render(scene, RenderSettings.DEFAULT.withSize(300, 300).withProjection(p));
				int red = 0, green = 0;
				for (int y = 0; y < 300; y++)
					for (int x = 0; x < 300; x++) {
						final int c = img.getRGB(x, y);
						if ((c >> 16 & 0xff) > 0 && (c >> 8 & 0xff) < (c >> 16 & 0xff) / 2) red++;
						if ((c >> 8 & 0xff) > 0 && (c >> 16 & 0xff) < (c >> 8 & 0xff) / 2) green++;
					}
				assertTrue(red > 1000 && green > 1000, p + ": red " + red + " green " + green);
				// the picture centre column (x = 0 mm after centring is near the red ball): red in front
				final int[] c = centreOfColour(img, RED);
				assertTrue(isRed(img.getRGB(c[0], c[1])), p + ": front ball hidden");
			}
		}
	}

	@Test
	void defaultViewHasSuperiorUpAndPatientLeftOnTheRight() {
		final ColoredMesh body = new ColoredMesh(ball(new double[] { 0, 0, 0 }, 10), GREEN);
		final ColoredMesh head = new ColoredMesh(ball(new double[] { 0, 0, 25 }, 4), RED);
		final ColoredMesh leftHand = new ColoredMesh(ball(new double[] { 25, 0, 0 }, 4), 0x0000FF);
		final BufferedImage img = MeshRenderer.render(List.of(body, head, leftHand), RenderSettings.DEFAULT.withSize(200, 200));
		final int[] red = centreOfColour(img, RED), blue = centreOfColour(img, 0x0000FF), green = centreOfColour(img, GREEN);
		assertTrue(red[1] < green[1] - 30, "superior (+z) at the top");
		assertTrue(Math.abs(red[0] - green[0]) < 3);
		assertTrue(blue[0] > green[0] + 30, "patient's left (+x) on the right");
		// from behind (azimuth 180) the left hand is on the left
		final BufferedImage back = MeshRenderer.render(List.of(body, head, leftHand), RenderSettings.DEFAULT.withSize(200, 200).withCamera(180, 0));
		assertTrue(centreOfColour(back, 0x0000FF)[0] < centreOfColour(back, GREEN)[0] - 30);
	}

	@Test
	void identicalForAnyThreadCountAndRepeatable() {
		final List<ColoredMesh> scene = List.of(new ColoredMesh(ball(new double[] { 0, 0, 0 }, 9), 0xE0D0B0), new ColoredMesh(ball(new double[] { 7, -5, 4 }, 5), 0x3070FF));
		final RenderSettings s = RenderSettings.DEFAULT.withSize(257, 131).withCamera(35, 20).withProjection(RenderSettings.Projection.PERSPECTIVE).withSupersampling(2);
		final int[] one = pixels(Parallelization.runSingleThreaded(() -> MeshRenderer.render(scene, s)));
		final int[] four = pixels(Parallelization.runWithNumThreads(4, () -> MeshRenderer.render(scene, s)));
		final int[] again = pixels(MeshRenderer.render(scene, s));
		assertArrayEquals(one, four);
		assertArrayEquals(one, again);
	}

	@Test
	void turntableStepsAroundThePatient() {
		final List<ColoredMesh> scene = List.of(new ColoredMesh(ball(new double[] { 0, 0, 0 }, 10), GREEN), new ColoredMesh(ball(new double[] { 25, 0, 0 }, 4), 0x0000FF));
		final List<BufferedImage> frames = MeshRenderer.turntable(scene, RenderSettings.DEFAULT.withSize(100, 100), 4);
		assertEquals(4, frames.size());
		// frame 0 is the default view, frame 2 the view from behind
		assertArrayEquals(pixels(MeshRenderer.render(scene, RenderSettings.DEFAULT.withSize(100, 100))), pixels(frames.get(0)));
		assertArrayEquals(pixels(MeshRenderer.render(scene, RenderSettings.DEFAULT.withSize(100, 100).withCamera(180, 0))), pixels(frames.get(2)));
		assertTrue(centreOfColour(frames.get(0), 0x0000FF)[0] > 50 && centreOfColour(frames.get(2), 0x0000FF)[0] < 50);
	}

	@Test
	void emptySceneIsBackground() {
		final BufferedImage img = MeshRenderer.render(List.of(new ColoredMesh(TriangleMesh.empty(), RED)), RenderSettings.DEFAULT.withSize(20, 10).withBackground(0x123456));
		for (final int p : pixels(img)) assertEquals(0x123456, p & 0xFFFFFF);
	}

	private static boolean isRed(final int c) { return (c >> 16 & 0xff) > 40 && (c >> 8 & 0xff) < 30 && (c & 0xff) < 30; }

	private static int[] pixels(final BufferedImage img) { return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()); }

	/** Centroid of the pixels whose dominant channel is the one of pure colour rgb. */
	private static int[] centreOfColour(final BufferedImage img, final int rgb) {
		final int channel = rgb == RED ? 16 : rgb == GREEN ? 8 : 0;
		long n = 0, sx = 0, sy = 0;
		for (int y = 0; y < img.getHeight(); y++)
			for (int x = 0; x < img.getWidth(); x++) {
				final int c = img.getRGB(x, y);
				final int v = c >> channel & 0xff;
				boolean dominant = v > 30;
				for (final int other : new int[] { 16, 8, 0 })
					if (other != channel && (c >> other & 0xff) * 2 >= v) dominant = false;
				if (dominant) {
					n++;
					sx += x;
					sy += y;
				}
			}
		assertTrue(n > 0, "no pixels of colour " + Integer.toHexString(rgb));
		return new int[] { (int) (sx / n), (int) (sy / n) };
	}
}

package org.lungprep.io.png;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What PngWriter writes reads back in ImageIO with every pixel's RGB. */
class PngWriterTest {

	@TempDir
	Path tmp;

	@Test
	void readsBackIdentically() throws IOException {
		final Random r = new Random(5);
		for (final int[] size : new int[][] { { 1, 1 }, { 3, 7 }, { 800, 600 }, { 257, 1 } }) {
			final BufferedImage img = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_ARGB);
			for (int y = 0; y < size[1]; y++)
				for (int x = 0; x < size[0]; x++)
					// smooth gradients, flat areas and noise: every filter residue occurs
					img.setRGB(x, y, (x + y) % 97 < 40 ? 0x80000000 | r.nextInt(1 << 24) : 0xff000000 | (x & 0xff) << 16 | (y & 0xff) << 8 | 0x40);
			final Path p = tmp.resolve(size[0] + "x" + size[1] + ".png");
			PngWriter.write(img, p);
			final BufferedImage back = ImageIO.read(p.toFile());
			assertEquals(size[0], back.getWidth());
			assertEquals(size[1], back.getHeight());
			for (int y = 0; y < size[1]; y++)
				for (int x = 0; x < size[0]; x++)
					assertEquals(img.getRGB(x, y) & 0xffffff, back.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y + " of " + p.getFileName());
		}
	}

	/**
	 * Int RGB images are read from their pixel buffer, everything else through getRGB: both read back alike, including
	 * a sub-image (whose buffer is not laid out from its own origin) and a byte image.
	 */
	@Test
	void everyImageLayoutReadsBackIdentically() throws IOException {
		final Random r = new Random(8);
		final BufferedImage whole = new BufferedImage(61, 43, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 43; y++)
			for (int x = 0; x < 61; x++)
				whole.setRGB(x, y, r.nextInt(1 << 24));
		final BufferedImage bytes = new BufferedImage(61, 43, BufferedImage.TYPE_3BYTE_BGR);
		bytes.getGraphics().drawImage(whole, 0, 0, null);
		final BufferedImage[] images = { whole, whole.getSubimage(7, 5, 30, 20), bytes };
		for (int k = 0; k < images.length; k++) {
			final BufferedImage img = images[k];
			final Path p = tmp.resolve("layout" + k + ".png");
			PngWriter.write(img, p);
			final BufferedImage back = ImageIO.read(p.toFile());
			assertEquals(img.getWidth(), back.getWidth());
			assertEquals(img.getHeight(), back.getHeight());
			for (int y = 0; y < img.getHeight(); y++)
				for (int x = 0; x < img.getWidth(); x++)
					assertEquals(img.getRGB(x, y) & 0xffffff, back.getRGB(x, y) & 0xffffff, "image " + k + " pixel " + x + "," + y);
		}
	}

	@Test
	void emptyImagesAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> PngWriter.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB) {
			@Override
			public int getWidth() { return 0; }
		}, tmp.resolve("x.png")));
	}
}

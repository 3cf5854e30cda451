package org.lungprep.io.png;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.RgbPixels;

import net.imglib2.parallel.Parallelization;

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

	/**
	 * Plain pixels, compressed in bands on 1 to 4 threads: the same pixels read back, and the IDAT is one zlib stream
	 * whose Adler-32 check (verified by the inflater) covers every band.
	 */
	@Test
	void pixelsInBandsReadBackIdentically() throws Exception {
		final Random r = new Random(9);
		for (final int[] size : new int[][] { { 1, 1 }, { 5, 63 }, { 9, 64 }, { 333, 129 }, { 800, 800 }, { 40, 1001 } }) {
			final RgbPixels img = new RgbPixels(size[0], size[1]);
			final int[] px = img.rgb();
			for (int i = 0; i < px.length; i++)
				px[i] = i % 71 < 30 ? r.nextInt(1 << 24) : (i % size[0]) * 3 << 8;
			for (int threads = 1; threads <= 4; threads++) {
				final Path p = tmp.resolve(size[0] + "x" + size[1] + "-" + threads + ".png");
				Parallelization.runWithNumThreads(threads, () -> {
					try {
						PngWriter.write(img, p);
					}
					catch (final IOException e) {
						throw new UncheckedIOException(e);
					}
				});
				final BufferedImage back = ImageIO.read(p.toFile());
				assertEquals(size[0], back.getWidth());
				assertEquals(size[1], back.getHeight());
				for (int y = 0; y < size[1]; y++)
					for (int x = 0; x < size[0]; x++)
						assertEquals(px[y * size[0] + x], back.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y + " of " + p.getFileName());
				assertEquals((long) size[1] * (1 + 3 * size[0]), inflatedIdat(Files.readAllBytes(p)), p.getFileName().toString());
			}
		}
	}

	/** @return the length of the PNG's IDAT data inflated as a zlib stream (which fails on a wrong check) */
	private static long inflatedIdat(final byte[] png) throws DataFormatException {
		final ByteBuffer b = ByteBuffer.wrap(png);
		b.position(8);
		final java.io.ByteArrayOutputStream idat = new java.io.ByteArrayOutputStream();
		while (b.remaining() >= 12) {
			final int length = b.getInt();
			final byte[] type = new byte[4];
			b.get(type);
			final byte[] data = new byte[length];
			b.get(data);
			b.getInt();
			if (new String(type, StandardCharsets.US_ASCII).equals("IDAT")) idat.write(data, 0, length);
		}
		final Inflater inflater = new Inflater();
		inflater.setInput(idat.toByteArray());
		final byte[] out = new byte[1 << 16];
		long n = 0;
		while (!inflater.finished()) {
			final int k = inflater.inflate(out);
			if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) throw new AssertionError("zlib stream ends early");
			n += k;
		}
		inflater.end();
		return n;
	}

	@Test
	void emptyImagesAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> new RgbPixels(0, 3));
		assertThrows(IllegalArgumentException.class, () -> PngWriter.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB) {
			@Override
			public int getWidth() { return 0; }
		}, tmp.resolve("x.png")));
	}
}

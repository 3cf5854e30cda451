package org.lungprep.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import net.imglib2.parallel.Parallelization;

/** Round trips through java.util.zip's reader at block and group boundaries; one gzip member; thread-independent. */
class ParallelGzipOutputStreamTest {

	private static byte[] data(final int n, final long seed) {
		final Random r = new Random(seed);
		final byte[] b = new byte[n];
		// runs (compressible, like air in CT) mixed with noise, and repeats further back than one block
		for (int i = 0; i < n; i++)
			b[i] = (byte) (i % 5000 < 3000 ? 0 : i % 3 == 0 ? r.nextInt(256) : b[Math.max(0, i - 70_000)]);
		return b;
	}

	private static byte[] gzip(final byte[] data, final int chunk) throws IOException {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ParallelGzipOutputStream out = new ParallelGzipOutputStream(bytes, 1)) {
			for (int i = 0; i < data.length; i += chunk)
				out.write(data, i, Math.min(chunk, data.length - i));
		}
		return bytes.toByteArray();
	}

	private static byte[] gunzip(final byte[] gz) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
			return in.readAllBytes();
		}
	}

	@Test
	void roundTripsAtEveryBoundary() throws IOException {
		final int b = ParallelGzipOutputStream.BLOCK, g = ParallelGzipOutputStream.GROUP;
		for (final int n : new int[] { 0, 1, 40_000, b - 1, b, b + 1, g - 1, g, g + 1, 2 * g + 3 * b + 17 }) {
			final byte[] d = data(n, n);
			for (final int chunk : new int[] { 1 << 16, 777_777 }) {
				final byte[] gz = gzip(d, chunk);
				assertArrayEquals(d, gunzip(gz), n + " bytes written " + chunk + " at a time");
				// one member: the reader's trailer check passed, and the only magic is at the start
				assertEquals(0x1f, gz[0] & 0xff);
				assertEquals(0x8b, gz[1] & 0xff);
			}
		}
	}

	@Test
	void compressesAndGivesTheSameBytesOnAnyNumberOfThreads() throws IOException {
		final byte[] d = data(3 * ParallelGzipOutputStream.GROUP / 2, 3);
		final byte[] two = gzip(d, 1 << 16);
		final byte[] one = Parallelization.runSingleThreaded(() -> {
			try {
				return gzip(d, 1 << 16);
			}
			catch (final IOException e) {
				throw new RuntimeException(e);
			}
		});
		assertArrayEquals(one, two);
		assertEquals(true, two.length < d.length / 2, "compressed " + d.length + " to " + two.length);
	}

	@Test
	void refusesWritesAfterCloseAndBadLevels() throws IOException {
		final ParallelGzipOutputStream out = new ParallelGzipOutputStream(new ByteArrayOutputStream(), 1);
		out.close();
		out.close();
		assertThrows(IOException.class, () -> out.write(1));
		assertThrows(IllegalArgumentException.class, () -> new ParallelGzipOutputStream(new ByteArrayOutputStream(), 0));
	}
}

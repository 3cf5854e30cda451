package org.lungprep.io.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Rewrites fields of a NIfTI-1 header in test files (gzip by name, in and out). */
final class NiftiHeaders {

	private NiftiHeaders() { }

	static void patch(final Path in, final Path out, final Consumer<ByteBuffer> change) throws IOException {
		final byte[] b;
		try (InputStream s = gz(in) ? new GZIPInputStream(Files.newInputStream(in)) : Files.newInputStream(in)) {
			b = s.readAllBytes();
		}
		change.accept(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
		try (OutputStream s = gz(out) ? new GZIPOutputStream(Files.newOutputStream(out)) : Files.newOutputStream(out)) {
			s.write(b);
		}
	}

	private static boolean gz(final Path p) {
		return p.getFileName().toString().endsWith(".gz");
	}
}

package org.lungprep.io.contract;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.lungprep.core.Volume;
import org.lungprep.io.AbstractVolumeReaderTest;
import org.lungprep.io.npy.NpyIO;

import net.imglib2.type.numeric.integer.ShortType;

class NpyReaderTest extends AbstractVolumeReaderTest {
	@Override protected Volume<?> read(final Path file) throws IOException { return NpyIO.read(file); }
	@Override protected Path write(final Volume<ShortType> v, final Path dir) throws IOException {
		final Path p = dir.resolve("v.npy");
		NpyIO.write(v, p);
		return p;
	}
	@Override protected String extension() { return ".npy"; }
	/** shape (z, y, x) whose byte count overflows a long: must not wrap around into a "fits" */
	@Override protected Path claimHugeDimensions(final Path valid) throws IOException {
		final byte[] b = Files.readAllBytes(valid);
		final String h = new String(b, 10, b.length - 10, StandardCharsets.ISO_8859_1);
		final String patched = h.replaceFirst("'shape': \\([^)]*\\)", "'shape': (4611686018427387904, 1000, 1000)");
		final byte[] out = java.util.Arrays.copyOf(b, b.length + patched.length() - h.length());
		System.arraycopy(patched.getBytes(StandardCharsets.ISO_8859_1), 0, out, 10, patched.length());
		// the header length field grows with the dictionary
		final int len = (b[8] & 0xff | (b[9] & 0xff) << 8) + patched.length() - h.length();
		out[8] = (byte) len;
		out[9] = (byte) (len >>> 8);
		final Path p = valid.resolveSibling("huge.npy");
		Files.write(p, out);
		return p;
	}
}

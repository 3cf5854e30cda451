import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step (run by exec-maven-plugin on the shaded command-line jar, as a single-file source program): raises the
 * class-file version of the classes under a prefix from 49 (Java 5) to 50 (Java 6). picocli is compiled for Java 5,
 * and the JVM's class-data sharing (the launcher's AppCDS archive) skips classes older than version 50, so without
 * this its classes are loaded and verified again by every run. Version 50 changes nothing in what a class means; a
 * version-50 class without stack map frames is verified by type inference, as version 49 is. Other entries are copied
 * as they are, in their order; the jar is replaced only when complete.
 * <p>
 * Usage: {@code java RaiseClassVersions.java <jar> <entry-prefix>}
 */
public final class RaiseClassVersions {

	public static void main(final String[] args) throws IOException {
		if (args.length != 2) throw new IllegalArgumentException("usage: RaiseClassVersions <jar> <entry-prefix>");
		final Path jar = Paths.get(args[0]);
		final String prefix = args[1];
		final Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
		int raised = 0;
		try (InputStream fin = Files.newInputStream(jar); ZipInputStream in = new ZipInputStream(fin);
			OutputStream fout = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(fout))
		{
			for (ZipEntry e; (e = in.getNextEntry()) != null;) {
				final byte[] data = readAll(in);
				if (e.getName().startsWith(prefix) && e.getName().endsWith(".class") && data.length > 8 && (data[0] & 0xff) == 0xCA && (data[1] & 0xff) == 0xFE
					&& (data[2] & 0xff) == 0xBA && (data[3] & 0xff) == 0xBE)
				{
					final int major = (data[6] & 0xff) << 8 | data[7] & 0xff;
					if (major < 50) {
						data[6] = 0;
						data[7] = 50;
						raised++;
					}
				}
				final ZipEntry copy = new ZipEntry(e.getName());
				copy.setTime(e.getTime());
				if (e.getMethod() == ZipEntry.STORED) {
					final CRC32 crc = new CRC32();
					crc.update(data);
					copy.setMethod(ZipEntry.STORED);
					copy.setSize(data.length);
					copy.setCompressedSize(data.length);
					copy.setCrc(crc.getValue());
				}
				out.putNextEntry(copy);
				out.write(data);
				out.closeEntry();
			}
		}
		catch (final IOException | RuntimeException ex) {
			Files.deleteIfExists(tmp);
			throw ex;
		}
		Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		System.out.println("[RaiseClassVersions] " + jar.getFileName() + ": " + raised + " classes under " + prefix + " raised to class-file version 50");
	}

	private static byte[] readAll(final InputStream in) throws IOException {
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		final byte[] buf = new byte[1 << 16];
		for (int n; (n = in.read(buf)) > 0;)
			b.write(buf, 0, n);
		return b.toByteArray();
	}
}

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step (run by exec-maven-plugin on the shaded command-line jar, as a single-file source program with ASM on its
 * class path): rewrites the classes under a prefix that are older than Java 6 (class-file version 49 and below) as
 * Java 8 classes (version 52) with the stack map frames that version requires, computed by ASM.
 * <p>
 * Why: picocli is compiled for Java 5. The JVM's class-data sharing (the launcher's AppCDS archive) skips such classes,
 * and it also skips version-50 classes without frames (they "fail over" to the old verifier), so without this step
 * every run loads, parses and verifies picocli's classes from the jar again (about a tenth of a second here). The
 * methods keep their instructions, with frames added (ASM rebuilds the constant pool, and would replace unreachable
 * code, which frames cannot describe, with nop/athrow). A class that fails to verify would fail the build's tests, which
 * run the jar. Other entries are copied as they are, in their order; the jar is replaced only when complete.
 * <p>
 * Usage: {@code java -cp asm.jar AddStackMaps.java <jar> <entry-prefix>}
 */
public final class AddStackMaps {

	public static void main(final String[] args) throws IOException {
		if (args.length != 2) throw new IllegalArgumentException("usage: AddStackMaps <jar> <entry-prefix>");
		final Path jar = Paths.get(args[0]);
		final String prefix = args[1];
		final Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
		int rewritten = 0;
		// the jar's classes, for the common superclass of two types when frames are merged (loaded, never initialized)
		try (URLClassLoader classes = new URLClassLoader(new URL[] { jar.toUri().toURL() }, ClassLoader.getPlatformClassLoader());
			InputStream fin = Files.newInputStream(jar); ZipInputStream in = new ZipInputStream(fin);
			OutputStream fout = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(fout))
		{
			for (ZipEntry e; (e = in.getNextEntry()) != null;) {
				byte[] data = readAll(in);
				if (e.getName().startsWith(prefix) && e.getName().endsWith(".class") && data.length > 8 && (data[0] & 0xff) == 0xCA && (data[1] & 0xff) == 0xFE
					&& (data[2] & 0xff) == 0xBA && (data[3] & 0xff) == 0xBE && ((data[6] & 0xff) << 8 | data[7] & 0xff) < 50)
				{
					data = withFrames(data, classes);
					rewritten++;
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
		catch (final IOException | RuntimeException e) {
			Files.deleteIfExists(tmp);
			throw e;
		}
		Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		System.out.println("[AddStackMaps] " + jar.getFileName() + ": " + rewritten + " classes under " + prefix + " rewritten as Java 8 classes with stack map frames");
	}

	private static byte[] withFrames(final byte[] data, final ClassLoader classes) {
		final ClassReader reader = new ClassReader(data);
		final ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
			@Override
			protected String getCommonSuperClass(final String a, final String b) {
				final Class<?> ca = load(a), cb = load(b);
				if (ca.isAssignableFrom(cb)) return a;
				if (cb.isAssignableFrom(ca)) return b;
				if (ca.isInterface() || cb.isInterface()) return "java/lang/Object";
				Class<?> c = ca;
				do
					c = c.getSuperclass();
				while (!c.isAssignableFrom(cb));
				return c.getName().replace('.', '/');
			}

			private Class<?> load(final String internalName) {
				try {
					return Class.forName(internalName.replace('/', '.'), false, classes);
				}
				catch (final ClassNotFoundException e) {
					throw new IllegalStateException("stack map frames need class " + internalName + ", which is not in the jar or the JDK", e);
				}
			}
		};
		reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
			@Override
			public void visit(final int version, final int access, final String name, final String signature, final String superName, final String[] interfaces) {
				super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
			}
		}, 0);
		return writer.toByteArray();
	}

	private static byte[] readAll(final InputStream in) throws IOException {
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		final byte[] buf = new byte[1 << 16];
		for (int n; (n = in.read(buf)) > 0;)
			b.write(buf, 0, n);
		return b.toByteArray();
	}
}

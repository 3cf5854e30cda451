package org.lungprep.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds the patients of a cohort folder.
 * <p>
 * A patient is either a volume file ({@code .mhd}, {@code .mha}, {@code .nii}, {@code .nii.gz}: the LUNA16 layout, many
 * patients per folder) or a folder that directly holds at least one DICOM file (the Data Science Bowl layout, one
 * patient per sub-folder, at any nesting depth). The patient's id is its path relative to the cohort folder, with the
 * volume extension removed, using {@code /} as separator; outputs mirror it. Hidden files and folders (names starting
 * with a dot) are ignored, so an output folder placed inside the cohort is never taken for input.
 */
public final class Cohort {

	private Cohort() { }

	/** One patient: its id (relative path) and its input (a folder of DICOM files or a volume file). */
	public static final class Patient implements Comparable<Patient> {
		private final String id;
		private final Path input;

		Patient(final String id, final Path input) {
			this.id = id;
			this.input = input;
		}

		/** @return the id, a relative path with {@code /} separators */
		public String id() { return id; }

		/** @return the input folder or file */
		public Path input() { return input; }

		@Override
		public int compareTo(final Patient o) { return id.compareTo(o.id); }

		@Override
		public boolean equals(final Object o) {
			return o instanceof Patient && ((Patient) o).id.equals(id) && ((Patient) o).input.equals(input);
		}

		@Override
		public int hashCode() { return id.hashCode(); }

		@Override
		public String toString() { return id; }
	}

	/**
	 * @param cohort the cohort folder
	 * @return the patients, sorted by id (a deterministic order that sharding relies on)
	 * @throws IOException if the folder cannot be listed or holds no patient
	 */
	public static List<Patient> find(final Path cohort) throws IOException {
		if (!Files.isDirectory(cohort)) throw new IOException(cohort + ": not a folder");
		final List<Patient> out = new ArrayList<>();
		walk(cohort, cohort, out);
		if (out.isEmpty()) throw new IOException(cohort + ": no patients found (expected sub-folders of DICOM files, or .mhd/.nii(.gz) files)");
		Collections.sort(out);
		return out;
	}

	private static void walk(final Path root, final Path dir, final List<Patient> out) throws IOException {
		final List<Path> entries;
		try (Stream<Path> s = Files.list(dir)) {
			entries = new ArrayList<>(s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().collect(java.util.stream.Collectors.toList()));
		}
		boolean hasDicom = false;
		for (final Path p : entries) {
			if (Files.isDirectory(p)) walk(root, p, out);
			else if (volumeExtension(p) != null) {
				final String name = root.relativize(p).toString().replace('\\', '/');
				out.add(new Patient(name.substring(0, name.length() - volumeExtension(p).length()), p));
			}
			else if (!hasDicom && looksLikeDicom(p)) hasDicom = true;
		}
		if (hasDicom) {
			final String id = dir.equals(root) ? dir.getFileName().toString() : root.relativize(dir).toString().replace('\\', '/');
			out.add(new Patient(id, dir));
		}
	}

	/** @return the volume-file extension of p ({@code .nii.gz} etc.), or null when p is not a volume file */
	static String volumeExtension(final Path p) {
		final String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
		for (final String ext : new String[] { ".nii.gz", ".nii", ".mhd", ".mha" })
			if (n.endsWith(ext) && n.length() > ext.length()) return ext;
		return null;
	}

	/**
	 * A cheap DICOM sniff that does not rely on extensions: "DICM" at offset 128 (Part 10), or a first element in group
	 * 0x0002 or 0x0008 (files without preamble, little or big endian).
	 */
	static boolean looksLikeDicom(final Path p) {
		if (!Files.isRegularFile(p)) return false;
		final byte[] head = new byte[132];
		int n = 0;
		try (InputStream in = Files.newInputStream(p)) {
			while (n < head.length) {
				final int r = in.read(head, n, head.length - n);
				if (r < 0) break;
				n += r;
			}
		}
		catch (final IOException e) {
			return false;
		}
		if (n >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') return true;
		if (n < 8) return false;
		final int le = (head[0] & 0xff) | (head[1] & 0xff) << 8;
		final int be = (head[0] & 0xff) << 8 | (head[1] & 0xff);
		return le == 0x0002 || le == 0x0008 || be == 0x0008;
	}
}

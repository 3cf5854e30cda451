package org.lungprep.mesh;

import java.nio.file.Path;
import java.util.Locale;

/** Mesh file formats {@link MeshWriter} writes, chosen by file extension. */
public enum MeshFormat {
	/** Binary STL: triangles with facet normals, no shared vertices (3D printing, most CAD tools). */
	STL(".stl"),
	/** Binary little-endian PLY: shared vertices with normals and triangle lists (MeshLab, 3D Slicer, Open3D). */
	PLY(".ply"),
	/** Wavefront OBJ text: shared vertices, normals, 1-based faces (Blender, most viewers). */
	OBJ(".obj");

	private final String extension;

	MeshFormat(final String extension) { this.extension = extension; }

	/** @return the extension with its dot, lower case */
	public String extension() { return extension; }

	/**
	 * @param file a path ending in .stl, .ply or .obj (any case)
	 * @return its format
	 * @throws IllegalArgumentException naming the file for any other extension
	 */
	public static MeshFormat of(final Path file) {
		final String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
		for (final MeshFormat f : values())
			if (name.endsWith(f.extension)) return f;
		throw new IllegalArgumentException("unknown mesh format for " + file + ": use .stl, .ply or .obj");
	}
}

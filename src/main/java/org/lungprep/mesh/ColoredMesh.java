package org.lungprep.mesh;

/** A mesh and the colour it is drawn in. Immutable. */
public final class ColoredMesh {

	private final TriangleMesh mesh;
	private final int rgb;

	/**
	 * @param mesh the surface
	 * @param rgb colour as 0xRRGGBB
	 */
	public ColoredMesh(final TriangleMesh mesh, final int rgb) {
		if (mesh == null) throw new IllegalArgumentException("mesh is null");
		this.mesh = mesh;
		this.rgb = rgb & 0xFFFFFF;
	}

	/** @return the surface */
	public TriangleMesh mesh() { return mesh; }

	/** @return colour 0xRRGGBB */
	public int rgb() { return rgb; }
}

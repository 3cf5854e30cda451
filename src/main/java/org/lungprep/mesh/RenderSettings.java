package org.lungprep.mesh;

/**
 * How {@link MeshRenderer} draws: picture size, camera, projection, shading. Immutable; start from
 * {@link #DEFAULT} and change with the {@code with…} methods.
 * <p>
 * The camera looks at the centre of the scene's bounding box. Azimuth 0 and elevation 0 is the
 * tutorial's view: the patient upright facing the viewer (superior up, anterior towards the
 * camera, the patient's left on the picture's right). Positive azimuth moves the camera around the
 * superior axis towards the patient's left; positive elevation raises it towards superior.
 */
public final class RenderSettings {

	/** Parallel or central projection. */
	public enum Projection {
		/** parallel rays: sizes do not depend on depth (measurable pictures) */
		ORTHOGRAPHIC,
		/** pin-hole camera with {@link RenderSettings#fieldOfViewDegrees()} */
		PERSPECTIVE
	}

	/** Lighting model. */
	public enum Shading {
		/** diffuse only */
		LAMBERT,
		/** diffuse plus a white specular highlight */
		PHONG
	}

	/** 800×800, tutorial view, orthographic, Phong, black background, fit to the scene, no supersampling. */
	public static final RenderSettings DEFAULT = new RenderSettings(800, 800, 0, 0, Projection.ORTHOGRAPHIC, 30, Shading.PHONG, 0x000000, Double.NaN, 1);

	private final int width, height;
	private final double azimuth, elevation;
	private final Projection projection;
	private final double fov;
	private final Shading shading;
	private final int background;
	private final double pixelsPerMm;
	private final int supersampling;

	private RenderSettings(final int width, final int height, final double azimuth, final double elevation, final Projection projection, final double fov,
		final Shading shading, final int background, final double pixelsPerMm, final int supersampling)
	{
		if (width < 1 || height < 1 || (long) width * height > 1 << 26) throw new IllegalArgumentException("picture size must be 1..8192x8192-ish, got " + width + "x" + height);
		if (!Double.isFinite(azimuth)) throw new IllegalArgumentException("azimuth must be finite, got " + azimuth);
		if (!(elevation >= -90 && elevation <= 90)) throw new IllegalArgumentException("elevation must be in [-90, 90] degrees, got " + elevation);
		if (projection == null) throw new IllegalArgumentException("projection is null");
		if (!(fov > 1 && fov < 170)) throw new IllegalArgumentException("field of view must be in (1, 170) degrees, got " + fov);
		if (shading == null) throw new IllegalArgumentException("shading is null");
		if (!(Double.isNaN(pixelsPerMm) || pixelsPerMm > 0 && Double.isFinite(pixelsPerMm))) throw new IllegalArgumentException("pixels per mm must be > 0 (or NaN to fit), got " + pixelsPerMm);
		if (supersampling < 1 || supersampling > 4) throw new IllegalArgumentException("supersampling must be 1..4, got " + supersampling);
		this.width = width;
		this.height = height;
		this.azimuth = azimuth;
		this.elevation = elevation;
		this.projection = projection;
		this.fov = fov;
		this.shading = shading;
		this.background = background & 0xFFFFFF;
		this.pixelsPerMm = pixelsPerMm;
		this.supersampling = supersampling;
	}

	/** @return settings with another picture size in pixels */
	public RenderSettings withSize(final int w, final int h) { return new RenderSettings(w, h, azimuth, elevation, projection, fov, shading, background, pixelsPerMm, supersampling); }

	/** @return settings with the camera at this azimuth and elevation (degrees) */
	public RenderSettings withCamera(final double azimuthDegrees, final double elevationDegrees) {
		return new RenderSettings(width, height, azimuthDegrees, elevationDegrees, projection, fov, shading, background, pixelsPerMm, supersampling);
	}

	/** @return settings with another projection */
	public RenderSettings withProjection(final Projection p) { return new RenderSettings(width, height, azimuth, elevation, p, fov, shading, background, pixelsPerMm, supersampling); }

	/** @return settings with another perspective field of view (degrees, across the shorter side) */
	public RenderSettings withFieldOfView(final double degrees) { return new RenderSettings(width, height, azimuth, elevation, projection, degrees, shading, background, pixelsPerMm, supersampling); }

	/** @return settings with another lighting model */
	public RenderSettings withShading(final Shading s) { return new RenderSettings(width, height, azimuth, elevation, projection, fov, s, background, pixelsPerMm, supersampling); }

	/** @return settings with another background colour 0xRRGGBB */
	public RenderSettings withBackground(final int rgb) { return new RenderSettings(width, height, azimuth, elevation, projection, fov, shading, rgb, pixelsPerMm, supersampling); }

	/**
	 * @param ppm orthographic scale in pixels per mm, or NaN to fit the scene's bounding sphere into the picture
	 * @return settings with that scale
	 */
	public RenderSettings withPixelsPerMm(final double ppm) { return new RenderSettings(width, height, azimuth, elevation, projection, fov, shading, background, ppm, supersampling); }

	/** @return settings that render k×k samples per pixel and average them (smooth edges), k in 1..4 */
	public RenderSettings withSupersampling(final int k) { return new RenderSettings(width, height, azimuth, elevation, projection, fov, shading, background, pixelsPerMm, k); }

	/** @return picture width in pixels */
	public int width() { return width; }

	/** @return picture height in pixels */
	public int height() { return height; }

	/** @return camera azimuth in degrees (0 = anterior) */
	public double azimuthDegrees() { return azimuth; }

	/** @return camera elevation in degrees (0 = horizontal, 90 = from superior) */
	public double elevationDegrees() { return elevation; }

	/** @return the projection */
	public Projection projection() { return projection; }

	/** @return perspective field of view in degrees */
	public double fieldOfViewDegrees() { return fov; }

	/** @return the lighting model */
	public Shading shading() { return shading; }

	/** @return background 0xRRGGBB */
	public int background() { return background; }

	/** @return orthographic pixels per mm, NaN = fit to the scene */
	public double pixelsPerMm() { return pixelsPerMm; }

	/** @return samples per pixel along each axis */
	public int supersampling() { return supersampling; }
}

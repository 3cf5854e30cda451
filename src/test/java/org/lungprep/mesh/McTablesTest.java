package org.lungprep.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class McTablesTest {

	/** The stored triangles are what the construction gives (regenerate McTableData with McTableDataSource otherwise). */
	@Test
	void storedTrianglesAreTheConstructedOnes() {
		assertEquals(McTables.constructedTriangles(), McTableData.TRIANGLES, "McTableData is out of date: regenerate it as McTableDataSource says");
		assertEquals(McTables.CASE_BASE[256] + 1, McTables.TRI_START.length);
		assertEquals(McTables.TRI_START[McTables.TRI_START.length - 1], McTables.TRI_EDGES.length);
	}


	/** Every case and face decision: triangles use exactly the crossed edges, and each cube-face segment once per direction. */
	@Test
	void everyCaseUsesExactlyTheCrossedEdgesAndClosesItsLoops() {
		int entries = 0;
		for (int c = 0; c < 256; c++) {
			final int nAmb = McTables.AMBIGUOUS_FACES[c].length;
			assertEquals(1 << nAmb, McTables.CASE_BASE[c + 1] - McTables.CASE_BASE[c], "sub-cases of case " + c);
			for (int sub = 0; sub < 1 << nAmb; sub++) {
				entries++;
				final int entry = McTables.CASE_BASE[c] + sub;
				final Set<Integer> crossed = new HashSet<>();
				for (int e = 0; e < 12; e++)
					if (McTables.inside(c, McTables.EDGE_CORNER0[e]) != McTables.inside(c, McTables.EDGE_CORNER1[e])) crossed.add(e);
				final Set<Integer> used = new HashSet<>();
				// directed edge uses inside the cube: interior edges must cancel, boundary edges lie on faces
				final Map<Long, Integer> directed = new HashMap<>();
				for (int k = McTables.TRI_START[entry]; k < McTables.TRI_START[entry + 1]; k += 3) {
					for (int j = 0; j < 3; j++) {
						final int a = McTables.TRI_EDGES[k + j], b = McTables.TRI_EDGES[k + (j + 1) % 3];
						if (a != McTables.CENTROID) used.add(a);
						directed.merge((long) a << 8 | b, 1, Integer::sum);
					}
				}
				assertEquals(crossed, used, "case " + c + " sub " + sub);
				for (final Map.Entry<Long, Integer> d : directed.entrySet()) {
					final int a = (int) (d.getKey() >> 8), b = (int) (d.getKey() & 0xff);
					assertEquals(1, d.getValue(), "case " + c + ": directed edge " + a + "->" + b + " used twice");
					final boolean onFace = a != McTables.CENTROID && b != McTables.CENTROID && McTables.shareFace(a, b);
					final boolean reverse = directed.containsKey((long) b << 8 | a);
					// an edge inside the cube is shared by two of its triangles, one face segment only by one
					assertTrue(onFace != reverse, "case " + c + " sub " + sub + ": edge " + a + "->" + b + " onFace=" + onFace + " reverse=" + reverse);
				}
			}
		}
		assertEquals(McTables.TRI_START.length - 1, entries);
		assertEquals(0, McTables.TRI_START[1] - McTables.TRI_START[0], "case 0 has no triangles");
		assertEquals(0, McTables.TRI_START[McTables.CASE_BASE[256]] - McTables.TRI_START[McTables.CASE_BASE[255]], "case 255 has no triangles");
	}

	@Test
	void singleCornerGivesOneTriangleFacingAwayFromIt() {
		for (int k = 0; k < 8; k++) {
			final int entry = McTables.CASE_BASE[1 << k];
			assertEquals(3, McTables.TRI_START[entry + 1] - McTables.TRI_START[entry]);
			final double[] a = McTables.midpoint(McTables.TRI_EDGES[McTables.TRI_START[entry]]);
			final double[] b = McTables.midpoint(McTables.TRI_EDGES[McTables.TRI_START[entry] + 1]);
			final double[] c = McTables.midpoint(McTables.TRI_EDGES[McTables.TRI_START[entry] + 2]);
			final double[] n = { (b[1] - a[1]) * (c[2] - a[2]) - (b[2] - a[2]) * (c[1] - a[1]), (b[2] - a[2]) * (c[0] - a[0]) - (b[0] - a[0]) * (c[2] - a[2]),
				(b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]) };
			// the inside corner is at (k&1, k>>1&1, k>>2&1): the normal must point away from it
			final double[] away = { a[0] - (k & 1), a[1] - (k >> 1 & 1), a[2] - (k >> 2 & 1) };
			assertTrue(n[0] * away[0] + n[1] * away[1] + n[2] * away[2] > 0, "corner " + k);
		}
	}

	@Test
	void checkerboardFacesAreAllAmbiguous() {
		// corners 0, 3, 5, 6 inside: every face has its inside corners on a diagonal
		assertEquals(6, McTables.AMBIGUOUS_FACES[0b01101001].length);
		assertEquals(0, McTables.AMBIGUOUS_FACES[0b00001111].length);
	}
}

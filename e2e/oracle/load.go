// Reading a cluster folder: files are read (YAML to JSON) and their objects decoded and checked in
// parallel, then grouped by namespace in input order, so the result does not depend on the
// parallelism and the work grows linearly with the number of objects.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	kjson "sigs.k8s.io/json"

	"github.com/argoproj/argo-rollouts/pkg/apis/rollouts/v1alpha1"
)

// namespaceObjects is what the plugin's view controller lists in one namespace.
type namespaceObjects struct {
	rollouts     []rolloutEntry // in input order
	replicaSets  []*appsv1.ReplicaSet
	pods         []*corev1.Pod
	experiments  []*v1alpha1.Experiment
	analysisRuns []*v1alpha1.AnalysisRun
	deployments  map[string]*appsv1.Deployment
	// listErrors: objects of a kind the view controller lists that do not decode. Its informer
	// would fail to list them, so `get rollout` shows nothing for any Rollout of the namespace.
	listErrors []string
}

// rolloutEntry: a Rollout, or the name of one that does not decode and why.
type rolloutEntry struct {
	ro        *v1alpha1.Rollout
	name, err string
}

// loader holds the objects of one cluster (one DIR argument), by namespace.
type loader struct {
	byNS map[string]*namespaceObjects
	// crds: set with -crds; invalid: the custom resources it refuses, in input order.
	crds    *crdValidator
	invalid []Invalid
}

func (l *loader) ns(name string) *namespaceObjects {
	if l.byNS[name] == nil {
		l.byNS[name] = &namespaceObjects{deployments: map[string]*appsv1.Deployment{}}
	}
	return l.byNS[name]
}

// document is one object of a file (each item of a List is one), decoded as far as it can be
// without the rest of the folder.
type document struct {
	where     string
	raw       json.RawMessage // until parse
	h         header
	namespace string // metadata.namespace, or `default`
	obj       any    // the typed object when the plugin reads its kind and it decodes
	decodeErr error  // why it does not decode
	invalid   *Invalid
	warnings  []string
}

// parsedFile is one file's documents in order, and the error that stopped reading it.
type parsedFile struct {
	docs []*document
	err  error
}

// loadDir reads every .yaml/.yml/.json file under dir (recursively, in name order). Files are read
// in parallel, then all their documents (a big List too) are decoded and checked in parallel.
func (l *loader) loadDir(dir string) error {
	var paths []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".yaml", ".yml", ".json":
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		return err
	}
	files := make([]parsedFile, len(paths))
	parallel(len(paths), func(i int) { files[i] = readFile(paths[i]) })
	var docs []*document
	for _, f := range files {
		docs = append(docs, f.docs...)
	}
	parallel(len(docs), func(i int) { docs[i].parse(l.crds) })
	for _, f := range files {
		for _, d := range f.docs {
			for _, w := range d.warnings {
				warn("%s", w)
			}
			l.index(d)
		}
		if f.err != nil {
			return f.err
		}
	}
	return nil
}

// parallel runs fn(0..n-1) on every CPU.
func parallel(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// readFile reads a YAML (multi-document) or JSON file; a document may be a `List` (kind List or
// *List with items, as `kubectl get -o yaml` prints).
func readFile(path string) (p parsedFile) {
	p.err = eachDocument(path, func(i int, raw json.RawMessage) error {
		p.add(fmt.Sprintf("%s#%d", path, i), raw)
		return nil
	})
	return p
}

// eachDocument calls fn with every document of a YAML (multi-document) or JSON file as JSON, numbered
// from 1, until the file ends or fn fails.
func eachDocument(path string, fn func(i int, raw json.RawMessage) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := utilyaml.NewYAMLOrJSONDecoder(bufio.NewReader(f), 4096)
	for i := 1; ; i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return fmt.Errorf("%s: document %d: %w", path, i, err)
		}
		if err := fn(i, raw); err != nil {
			return err
		}
	}
}

type header struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name         string `json:"name"`
		GenerateName string `json:"generateName"`
		Namespace    string `json:"namespace"`
	} `json:"metadata"`
	Items []json.RawMessage `json:"items"`
}

// add adds a document, or the items of a List.
func (p *parsedFile) add(where string, raw json.RawMessage) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return
	}
	d := &document{where: where}
	if err := json.Unmarshal(raw, &d.h); err != nil {
		d.warnings = append(d.warnings, fmt.Sprintf("%s: %v", where, err))
		p.docs = append(p.docs, d)
		return
	}
	if d.h.Kind == "List" || (strings.HasSuffix(d.h.Kind, "List") && d.h.Items != nil) {
		for i, item := range d.h.Items {
			p.add(fmt.Sprintf("%s items[%d]", where, i), item)
		}
		return
	}
	d.h.Items, d.raw = nil, raw
	p.docs = append(p.docs, d)
}

// readByPlugin: the kinds the plugin's view controller reads.
func readByPlugin(kind string) bool {
	switch kind {
	case "Rollout", "ReplicaSet", "Pod", "Experiment", "AnalysisRun", "Deployment":
		return true
	}
	return false
}

// parse checks the document against the CRDs (when given) and decodes it when the plugin reads its kind.
func (d *document) parse(crds *crdValidator) {
	raw := d.raw
	d.raw = nil
	if raw == nil { // not an object: only its warning
		return
	}
	d.namespace = d.h.Metadata.Namespace
	if d.namespace == "" {
		d.namespace = "default" // what `kubectl apply` of the object would do
	}
	if crds != nil {
		d.invalid = crds.check(raw, d.h, d.namespace)
	}
	if readByPlugin(d.h.Kind) {
		if d.obj, d.decodeErr = decode(d.h.Kind, raw); d.decodeErr != nil {
			d.warnings = append(d.warnings, fmt.Sprintf("%s: %s %s/%s does not decode: %v",
				d.where, d.h.Kind, d.namespace, d.h.Metadata.Name, d.decodeErr))
		}
	}
}

// index puts an object where the plugin's view controller finds it.
func (l *loader) index(d *document) {
	if d.invalid != nil {
		l.invalid = append(l.invalid, *d.invalid)
	}
	if !readByPlugin(d.h.Kind) {
		return
	}
	objs := l.ns(d.namespace)
	if d.decodeErr != nil {
		switch d.h.Kind {
		case "Rollout":
			objs.rollouts = append(objs.rollouts, rolloutEntry{name: d.h.Metadata.Name, err: fmt.Sprintf("Rollout does not decode: %v", d.decodeErr)})
		case "Deployment": // only read for workloadRef: treated as missing
		default:
			objs.listErrors = append(objs.listErrors, fmt.Sprintf("%s %s does not decode: %v", d.h.Kind, d.h.Metadata.Name, d.decodeErr))
		}
		return
	}
	switch obj := d.obj.(type) {
	case *v1alpha1.Rollout:
		obj.Namespace = d.namespace
		objs.rollouts = append(objs.rollouts, rolloutEntry{ro: obj, name: obj.Name})
	case *appsv1.ReplicaSet:
		objs.replicaSets = append(objs.replicaSets, obj)
	case *corev1.Pod:
		objs.pods = append(objs.pods, obj)
	case *v1alpha1.Experiment:
		objs.experiments = append(objs.experiments, obj)
	case *v1alpha1.AnalysisRun:
		objs.analysisRuns = append(objs.analysisRuns, obj)
	case *appsv1.Deployment:
		objs.deployments[obj.Name] = obj
	}
}

// decode decodes an object by its kind, whatever its apiVersion (the captured clusters hold
// extensions/v1beta1 ReplicaSets, which an API server serves as apps/v1), as the plugin's clients
// decode JSON: case-sensitive field names, unknown fields dropped, no defaulting.
func decode(kind string, raw []byte) (any, error) {
	var obj any
	switch kind {
	case "Rollout":
		obj = &v1alpha1.Rollout{}
	case "ReplicaSet":
		obj = &appsv1.ReplicaSet{}
	case "Pod":
		obj = &corev1.Pod{}
	case "Experiment":
		obj = &v1alpha1.Experiment{}
	case "AnalysisRun":
		obj = &v1alpha1.AnalysisRun{}
	case "Deployment":
		obj = &appsv1.Deployment{}
	}
	return obj, kjson.UnmarshalCaseSensitivePreserveInts(raw, obj)
}

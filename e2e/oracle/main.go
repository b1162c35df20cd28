// Command oracle prints, for every Rollout in a folder of Kubernetes objects, what the
// kubectl-argo-rollouts plugin computes for it, one JSON object per line. It calls the plugin's own
// code (pkg/kubectl-argo-rollouts/info and the printer of `get rollout`) on the objects the plugin's
// view controller would list, so it answers "what would `kubectl argo rollouts get rollout` show".
//
// Built by e2e/cluster/build.sh (target `oracle`) against the pinned argo-rollouts module; see README.md.
//
// With -crds, every custom resource it reads is also checked against its CustomResourceDefinition
// as kube-apiserver checks it (see crd_validation.go); each one that fails adds an {"invalid": ...} line.
//
// Usage: oracle [-text] [-crds CRD_DIR] DIR...
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/cli-runtime/pkg/genericclioptions"

	"github.com/argoproj/argo-rollouts/pkg/apiclient/rollout"
	"github.com/argoproj/argo-rollouts/pkg/apis/rollouts/v1alpha1"
	"github.com/argoproj/argo-rollouts/pkg/kubectl-argo-rollouts/cmd/get"
	"github.com/argoproj/argo-rollouts/pkg/kubectl-argo-rollouts/info"
	"github.com/argoproj/argo-rollouts/pkg/kubectl-argo-rollouts/options"
)

// ------------------------------------------------------------------------------------- output

type Output struct {
	Cluster   string `json:"cluster"` // the DIR argument the objects came from
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	// Error: the plugin shows nothing for this Rollout (an object it needs does not decode, or its
	// workloadRef Deployment is missing); every other field is then empty.
	Error        string        `json:"error,omitempty"`
	Status       string        `json:"status,omitempty"`
	Message      string        `json:"message,omitempty"`
	Strategy     string        `json:"strategy,omitempty"`
	Step         string        `json:"step,omitempty"`
	SetWeight    string        `json:"setWeight,omitempty"`
	ActualWeight string        `json:"actualWeight,omitempty"`
	Generation   string        `json:"generation,omitempty"`
	RestartedAt  string        `json:"restartedAt,omitempty"`
	Images       []Image       `json:"images"`
	Revisions    []int         `json:"revisions"`
	ReplicaSets  []ReplicaSet  `json:"replicaSets"`
	Pods         []Pod         `json:"pods"`
	AnalysisRuns []AnalysisRun `json:"analysisRuns"`
	Experiments  []Experiment  `json:"experiments"`
	Replicas     *Replicas     `json:"replicas,omitempty"`
	Text         string        `json:"text,omitempty"`
}

type Image struct {
	Image string   `json:"image"`
	Tags  []string `json:"tags"`
}

type ReplicaSet struct {
	Name              string   `json:"name"`
	Revision          int64    `json:"revision"`
	Status            string   `json:"status"`
	Tags              []string `json:"tags"` // as `get rollout` prints them, in its order
	Stable            bool     `json:"stable"`
	Canary            bool     `json:"canary"`
	Active            bool     `json:"active"`
	Preview           bool     `json:"preview"`
	Ping              bool     `json:"ping"`
	Pong              bool     `json:"pong"`
	Replicas          int32    `json:"replicas"`
	Available         int32    `json:"available"`
	Images            []string `json:"images"`
	Template          string   `json:"template,omitempty"`
	ScaleDownDeadline string   `json:"scaleDownDeadline,omitempty"`
	Experiment        string   `json:"experiment,omitempty"`
}

type Pod struct {
	Name       string `json:"name"`
	ReplicaSet string `json:"replicaSet"`
	Status     string `json:"status"`
	Ready      string `json:"ready"`
	Restarts   int32  `json:"restarts"`
}

type AnalysisRun struct {
	Name         string `json:"name"`
	Revision     int64  `json:"revision"`
	Status       string `json:"status"`
	Successful   int32  `json:"successful"`
	Failed       int32  `json:"failed"`
	Inconclusive int32  `json:"inconclusive"`
	Error        int32  `json:"error"`
	Jobs         []Job  `json:"jobs"`
	Experiment   string `json:"experiment,omitempty"`
}

type Job struct {
	Name   string `json:"name"`
	Status string `json:"status"`
}

type Experiment struct {
	Name         string   `json:"name"`
	Revision     int64    `json:"revision"`
	Status       string   `json:"status"`
	Message      string   `json:"message,omitempty"`
	ReplicaSets  []string `json:"replicaSets"`
	AnalysisRuns []string `json:"analysisRuns"`
}

type Replicas struct {
	Desired   int32 `json:"desired"`
	Current   int32 `json:"current"`
	Updated   int32 `json:"updated"`
	Ready     int32 `json:"ready"`
	Available int32 `json:"available"`
}

// ------------------------------------------------------------------------------------- main

func warn(format string, args ...any) { fmt.Fprintf(os.Stderr, "oracle: "+format+"\n", args...) }

func main() {
	withText := flag.Bool("text", false, "add the plugin's `get rollout` text (no colour) as \"text\"")
	crdDir := flag.String("crds", "", "folder of CustomResourceDefinitions: report each custom resource they serve that the API server would refuse or prune, as an {\"invalid\": ...} line")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: %s [-text] [-crds CRD_DIR] DIR|FILE...\n", os.Args[0])
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	var crds *crdValidator
	if *crdDir != "" {
		var err error
		if crds, err = loadCRDs(*crdDir); err != nil {
			warn("-crds: %v", err)
			os.Exit(1)
		}
	}
	for _, dir := range flag.Args() {
		l := &loader{byNS: map[string]*namespaceObjects{}, crds: crds}
		if err := l.loadDir(dir); err != nil {
			warn("%v", err)
			out.Flush()
			os.Exit(1)
		}
		for _, line := range l.outputs(*withText) {
			line.Cluster = dir
			if err := enc.Encode(line); err != nil {
				warn("%v", err)
				os.Exit(1)
			}
		}
		for _, inv := range l.invalidByName() {
			inv.Cluster = dir
			if err := enc.Encode(struct {
				Invalid Invalid `json:"invalid"`
			}{inv}); err != nil {
				warn("%v", err)
				os.Exit(1)
			}
		}
	}
}

// invalidByName: the invalid custom resources by namespace, kind and name (input order for equal ones).
func (l *loader) invalidByName() []Invalid {
	sort.SliceStable(l.invalid, func(i, j int) bool {
		a, b := l.invalid[i], l.invalid[j]
		if a.Namespace != b.Namespace {
			return a.Namespace < b.Namespace
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Name < b.Name
	})
	return l.invalid
}

// outputs: one Output per Rollout, by namespace and name.
func (l *loader) outputs(withText bool) []Output {
	var all []Output
	namespaces := make([]string, 0, len(l.byNS))
	for ns := range l.byNS {
		namespaces = append(namespaces, ns)
	}
	sort.Strings(namespaces)
	for _, ns := range namespaces {
		objs := l.byNS[ns]
		var lines []Output
		for _, e := range objs.rollouts {
			if e.ro == nil {
				o := newOutput(ns, e.name)
				o.Error = e.err
				lines = append(lines, o)
			} else {
				lines = append(lines, rolloutOutput(objs, e.ro, withText))
			}
		}
		// By name; a dump with several Rollouts of one name keeps their input order.
		sort.SliceStable(lines, func(i, j int) bool { return lines[i].Name < lines[j].Name })
		all = append(all, lines...)
	}
	return all
}

func newOutput(namespace, name string) Output {
	return Output{Namespace: namespace, Name: name, Images: []Image{}, Revisions: []int{},
		ReplicaSets: []ReplicaSet{}, Pods: []Pod{}, AnalysisRuns: []AnalysisRun{}, Experiments: []Experiment{}}
}

// rolloutOutput: what RolloutViewController.GetRolloutInfo computes, then what `get rollout` prints.
func rolloutOutput(objs *namespaceObjects, ro *v1alpha1.Rollout, withText bool) Output {
	o := newOutput(ro.Namespace, ro.Name)
	if len(objs.listErrors) > 0 {
		o.Error = strings.Join(objs.listErrors, "; ")
		return o
	}
	var workloadRef *appsv1.Deployment
	if ro.Spec.WorkloadRef != nil {
		if workloadRef = objs.deployments[ro.Spec.WorkloadRef.Name]; workloadRef == nil {
			o.Error = fmt.Sprintf("deployment.apps %q not found", ro.Spec.WorkloadRef.Name)
			return o
		}
	}
	ri := info.NewRolloutInfo(ro, objs.replicaSets, objs.pods, objs.experiments, objs.analysisRuns, workloadRef)

	o.Status, o.Message, o.Strategy = ri.Status, ri.Message, ri.Strategy
	o.Step, o.SetWeight, o.ActualWeight = ri.Step, ri.SetWeight, ri.ActualWeight
	o.Generation, o.RestartedAt = ri.Generation, ri.RestartedAt
	o.Replicas = &Replicas{Desired: ri.Desired, Current: ri.Current, Updated: ri.Updated, Ready: ri.Ready, Available: ri.Available}
	for _, img := range info.Images(ri) {
		o.Images = append(o.Images, Image{Image: img.Image, Tags: nonNil(img.Tags)})
	}
	o.Revisions = nonNil(info.Revisions(ri))
	for _, rs := range ri.ReplicaSets {
		o.addReplicaSet(rs, "")
	}
	for _, ar := range ri.AnalysisRuns {
		o.AnalysisRuns = append(o.AnalysisRuns, analysisRun(ar, ""))
	}
	for _, exp := range ri.Experiments {
		e := Experiment{Name: exp.ObjectMeta.Name, Revision: exp.Revision, Status: exp.Status, Message: exp.Message,
			ReplicaSets: []string{}, AnalysisRuns: []string{}}
		for _, rs := range exp.ReplicaSets {
			e.ReplicaSets = append(e.ReplicaSets, rs.ObjectMeta.Name)
			o.addReplicaSet(rs, exp.ObjectMeta.Name)
		}
		for _, ar := range exp.AnalysisRuns {
			e.AnalysisRuns = append(e.AnalysisRuns, ar.ObjectMeta.Name)
			o.AnalysisRuns = append(o.AnalysisRuns, analysisRun(ar, exp.ObjectMeta.Name))
		}
		o.Experiments = append(o.Experiments, e)
	}
	if withText {
		var buf bytes.Buffer
		printer(&buf).PrintRollout(ri)
		o.Text = buf.String()
	}
	return o
}

// addReplicaSet adds a ReplicaSet and its pods, with the tags and pod columns exactly as the plugin's
// PrintReplicaSetInfo prints them (it decides which of stable/canary/active/preview/ping/pong show).
func (o *Output) addReplicaSet(rs *rollout.ReplicaSetInfo, experiment string) {
	r := ReplicaSet{Name: rs.ObjectMeta.Name, Revision: rs.Revision, Status: rs.Status, Tags: []string{},
		Stable: rs.Stable, Canary: rs.Canary, Active: rs.Active, Preview: rs.Preview, Ping: rs.Ping, Pong: rs.Pong,
		Replicas: rs.Replicas, Available: rs.Available, Images: nonNil(rs.Images), Template: rs.Template,
		ScaleDownDeadline: rs.ScaleDownDeadline, Experiment: experiment}
	// The printer writes tab-separated columns (no tabwriter here): name, kind, status, age, info.
	var buf bytes.Buffer
	printer(&buf).PrintReplicaSetInfo(&buf, *rs, "", "")
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	for _, tag := range strings.Split(column(lines[0], 4), ",") {
		if tag != "" && !strings.HasPrefix(tag, "delay:") { // delay: time left until scaleDownDeadline
			r.Tags = append(r.Tags, tag)
		}
	}
	o.ReplicaSets = append(o.ReplicaSets, r)
	for _, pod := range rs.Pods {
		o.Pods = append(o.Pods, Pod{Name: pod.ObjectMeta.Name, ReplicaSet: rs.ObjectMeta.Name,
			Status: pod.Status, Ready: pod.Ready, Restarts: pod.Restarts})
	}
}

func analysisRun(ar *rollout.AnalysisRunInfo, experiment string) AnalysisRun {
	a := AnalysisRun{Name: ar.ObjectMeta.Name, Revision: ar.Revision, Status: ar.Status, Successful: ar.Successful,
		Failed: ar.Failed, Inconclusive: ar.Inconclusive, Error: ar.Error, Jobs: []Job{}, Experiment: experiment}
	for _, job := range ar.Jobs {
		a.Jobs = append(a.Jobs, Job{Name: job.ObjectMeta.Name, Status: job.Status})
	}
	return a
}

// printer is the `get rollout` command's printer with colours off.
func printer(w io.Writer) *get.GetOptions {
	return &get.GetOptions{NoColor: true, ArgoRolloutsOptions: options.ArgoRolloutsOptions{
		IOStreams: genericclioptions.IOStreams{In: os.Stdin, Out: w, ErrOut: os.Stderr}}}
}

func column(line string, i int) string {
	cols := strings.Split(line, "\t")
	if i < len(cols) {
		return cols[i]
	}
	return ""
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
